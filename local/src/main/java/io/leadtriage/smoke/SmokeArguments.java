package io.leadtriage.smoke;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The command line of {@code ./smoke-test}. Every flag is optional: what is not given comes from the AWS SDK's
 * default chains (credentials, region) and from samconfig.toml (stack name, then region), as {@code sam deploy}
 * left them.
 *
 * @param stack   --stack, or null for samconfig.toml's stack_name (else {@value #DEFAULT_STACK})
 * @param region  --region, or null for the SDK's region chain (AWS_REGION, the profile), then samconfig.toml
 * @param profile --profile, or null for the SDK's default credentials chain
 * @param apiUrl  --api-url: the API's base URL, instead of the stack's ApiUrl output (DescribeStacks is skipped)
 * @param formId  --form: the form the test lead is posted to
 * @param help    -h / --help
 */
record SmokeArguments(String stack, String region, String profile, URI apiUrl, String formId, boolean help) {
    static final String DEFAULT_STACK = "leadtriage";
    /** Step 1 of the two-step form: email and name only, so the test lead is cold, and without consent. */
    static final String DEFAULT_FORM = "get-started";

    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}|arn:[^\\s]+");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern FORM_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    static final String USAGE = """
            Usage: ./smoke-test [--stack NAME] [--region REGION] [--profile NAME] [--api-url URL] [--form ID]

            Checks a deployed leadtriage stack end to end, with one synthetic lead, after `sam deploy`:
              1. stack outputs      reads the stack's ApiUrl output (CloudFormation DescribeStacks)
              2. public form post   POST {ApiUrl}/v1/forms/{form} with smoke-test+<uuid>@example.com
                                    (no consent: no nurture email; email and name only: a cold lead, no alert)
              3. signed admin read  GET /v1/admin/leads/{leadId}, signed with your AWS credentials (SigV4)
              4. unsigned refused   the same GET without a signature must be refused (403): proof of AWS_IAM
              5. erase              DELETE /v1/admin/leads/{leadId} (signed), then GET must answer 404
            then reports as warnings what SES will do with the stack's emails (sandbox, unverified sender).

              --stack NAME      the stack (default: stack_name in samconfig.toml, else leadtriage)
              --region REGION   its region (default: AWS_REGION or the profile's region, else samconfig.toml)
              --profile NAME    the AWS profile to use (default: the SDK's default credentials chain)
              --api-url URL     the API's base URL (a custom domain, say) instead of the ApiUrl output
              --form ID         the form to post to (default: get-started; it must exist in the stack's model)
              -h, --help        this text

            Exit code: 0 when every check passed, 1 when one failed, 2 when the smoke test could not start.
            Your credentials need cloudformation:DescribeStacks on the stack, execute-api:Invoke on the admin
            routes and, for the SES warnings only, ses:GetAccount and ses:GetEmailIdentity.""";

    /** Thrown for a command line the smoke test cannot run with; the message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static SmokeArguments parse(String... args) throws UsageException {
        String stack = null;
        String region = null;
        String profile = null;
        URI apiUrl = null;
        String formId = DEFAULT_FORM;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                if (!known(name)) {
                    throw new UsageException("unknown option " + name);
                }
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            if (value.isBlank()) {
                throw new UsageException(name + " needs a value");
            }
            switch (name) {
                case "--stack" -> stack = check(value, STACK_NAME, "--stack: '" + value + "' is not a stack name");
                case "--region" -> region = check(value.toLowerCase(Locale.ROOT), REGION,
                        "--region: '" + value + "' is not a region name (e.g. eu-west-1)");
                case "--profile" -> profile = value;
                case "--api-url" -> apiUrl = apiUrl(value);
                case "--form" -> formId = check(value, FORM_ID, "--form: '" + value + "' is not a form id");
                default -> throw new UsageException("unknown option " + name);
            }
        }
        return new SmokeArguments(stack, region, profile, apiUrl, formId, help);
    }

    private static boolean known(String name) {
        return switch (name) {
            case "--stack", "--region", "--profile", "--api-url", "--form" -> true;
            default -> false;
        };
    }

    private static String check(String value, Pattern pattern, String message) throws UsageException {
        if (!pattern.matcher(value).matches()) {
            throw new UsageException(message);
        }
        return value;
    }

    /** An absolute http(s) URL, without a trailing slash (paths are appended to it). */
    private static URI apiUrl(String value) throws UsageException {
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new UsageException("--api-url: '" + value + "' is not an http(s) base URL such as "
                        + "https://abc123.execute-api.eu-west-1.amazonaws.com");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--api-url: '" + value + "' is not a URL");
        }
    }
}
