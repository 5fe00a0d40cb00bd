#!/usr/bin/env python3
"""Prints template.yaml as CloudFormation receives it: after the real SAM transform, as JSON.

template.yaml is a SAM template (Transform: AWS::Serverless-2016-10-31). CloudFormation expands it
into plain resources (a function becomes a Lambda function, its role, versions, alias, permissions,
schedules, ...) and those are what deploy. This script runs that same expansion with samtranslator, the
library `sam validate`, cfn-lint and CloudFormation's own transform use, so that tests can check what
really deploys (TemplateTransformTest does).

    python3 local/scripts/sam_transform.py [path/to/template.yaml] > transformed.json

As cfn-lint and `sam validate` do, it replaces every function's CodeUri with a fake s3:// location (the
transform accepts no local folder) and knows no AWS managed policy (the template names none). Nothing is
called on AWS. Exit status: 0 and the JSON on stdout; 1 when the transform refuses the template (the
reasons on stderr); 3 when samtranslator is not installed.
"""

import json
import os
import sys

try:
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse
    from samtranslator.model.exceptions import InvalidDocumentException
except ImportError:
    print("samtranslator is not installed (pip install aws-sam-translator)", file=sys.stderr)
    sys.exit(3)

FAKE_CODE_URI = "s3://bucket/value"


class NoManagedPolicies:
    """The transform asks for AWS managed policies' ARNs only when a function names one; none does."""

    def load(self):
        return {}


def main(argv):
    path = argv[1] if len(argv) > 1 else "template.yaml"
    with open(path, encoding="utf-8") as f:
        # yaml_parse reads the short forms (!Ref, !Sub, !If, ...) as their long forms ({"Ref": ...}).
        template = yaml_parse(f.read())

    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function":
            resource.setdefault("Properties", {})["CodeUri"] = FAKE_CODE_URI

    # ARNs the transform builds itself need a partition; the region only picks it. Nothing is called.
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    try:
        transformed = transform(template, {}, NoManagedPolicies())
    except InvalidDocumentException as e:
        for cause in e.causes:
            print("SAM transform error: " + cause.message, file=sys.stderr)
        return 1

    json.dump(transformed, sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
