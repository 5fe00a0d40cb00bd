#!/usr/bin/env python3
"""The deployment rehearsal's SAM transform: template.yaml as CloudFormation receives it from SAM.

    python3 sam_transform.py TEMPLATE REGION [PARAMETERS_JSON]

Runs samtranslator (the library behind CloudFormation's AWS::Serverless transform, `sam validate` and cfn-lint)
on TEMPLATE and prints the expanded template as JSON: every AWS::Serverless::Function becomes its
AWS::Lambda::Function, role, version, alias, permissions, schedules and rules, with Globals merged in. Intrinsic
functions are left as they are: io.leadtriage.rehearsal.SimulatedStack resolves them as a stack would.

The transform accepts no local folder as CodeUri, so each function's CodeUri becomes a made-up s3:// location
(what `sam package` would upload there is local/target/.aws-sam/build). AWS managed policies are looked up by
name only when a function names one; this template names none, so the loader knows none. REGION only picks
the partition of the ARNs the transform writes itself; nothing is called on AWS. PARAMETERS_JSON, an object of
parameter overrides, is handed to the transform as `sam deploy --parameter-overrides` hands them.

Exit status: 0 with the JSON on stdout; 1 when the transform refuses the template (why, on stderr); 3 when
samtranslator is missing.
"""

import json
import os
import sys

FAKE_CODE_URI = "s3://leadtriage-rehearsal-artifacts/functions.zip"


def main(argv):
    if len(argv) < 3:
        print("usage: sam_transform.py TEMPLATE REGION [PARAMETERS_JSON]", file=sys.stderr)
        return 2
    template_path, region = argv[1], argv[2]
    overrides = json.loads(argv[3]) if len(argv) > 3 and argv[3] else {}

    # boto3's session (which the transform asks for the region) reads only this; no profile, no call.
    os.environ["AWS_DEFAULT_REGION"] = region
    os.environ.pop("AWS_PROFILE", None)
    try:
        from samtranslator.translator.transform import transform
        from samtranslator.yaml_helper import yaml_parse
        from samtranslator.model.exceptions import InvalidDocumentException
    except ImportError as e:
        print("samtranslator is not installed (%s): pip install aws-sam-translator" % e, file=sys.stderr)
        return 3

    class NoManagedPolicies:
        def load(self):
            return {}

    with open(template_path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    globals_function = template.get("Globals", {}).get("Function", {})
    if "CodeUri" in globals_function:
        globals_function["CodeUri"] = FAKE_CODE_URI
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in resource.get("Properties", {}):
            resource["Properties"]["CodeUri"] = FAKE_CODE_URI

    try:
        transformed = transform(template, dict(overrides), NoManagedPolicies())
    except InvalidDocumentException as e:
        for cause in e.causes:
            print("SAM transform error: " + cause.message, file=sys.stderr)
        return 1
    json.dump(transformed, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
