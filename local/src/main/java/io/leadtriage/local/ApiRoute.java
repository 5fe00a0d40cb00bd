package io.leadtriage.local;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A template route bound to its handler, matching request paths the way API Gateway does. */
final class ApiRoute {
    private final String method;
    private final String pathTemplate;
    private final Pattern pattern;
    private final java.util.List<String> parameters = new java.util.ArrayList<>();
    final LambdaInvoker handler;
    /** Deployed, API Gateway's AWS_IAM authorizer decides first (the admin routes). */
    private final boolean iam;

    ApiRoute(String method, String pathTemplate, LambdaInvoker handler) {
        this(method, pathTemplate, handler, false);
    }

    ApiRoute(String method, String pathTemplate, LambdaInvoker handler, boolean iam) {
        this.iam = iam;
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.handler = handler;
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\{([A-Za-z0-9_]+)\\+?}").matcher(pathTemplate);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(pathTemplate.substring(last, m.start())));
            boolean greedy = m.group().endsWith("+}");
            regex.append(greedy ? "(.+)" : "([^/]+)");
            parameters.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(pathTemplate.substring(last)));
        // API Gateway routes /path/ as it routes /path.
        regex.append("/?");
        this.pattern = Pattern.compile(regex.toString());
    }

    String method() {
        return method;
    }

    boolean iam() {
        return iam;
    }

    String routeKey() {
        return method + " " + pathTemplate;
    }

    /** The path parameters if the path matches, else null. */
    Map<String, String> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            values.put(parameters.get(i), m.group(i + 1));
        }
        return values;
    }
}
