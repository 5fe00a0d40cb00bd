package io.leadtriage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadtriage.rehearsal.DynamoDbAuthorizer;
import io.leadtriage.rehearsal.LambdaContainer;
import io.leadtriage.rehearsal.RehearsalStack;
import io.leadtriage.rehearsal.RuntimeApiStandIn;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Warm invocations through the real runtime interface client: one execution environment of FormFunction and one of
 * EventsFunction, started on demand as {@link RuntimeClientColdStarts} starts them, then invoked one event at a time
 * through the Runtime API stand-in, in interleaved rounds of a step-1 post (a fresh visitor), the step-2 post of that
 * lead (it turns hot: its alert is sent) and a page event with its token. Figures: the invocation's time (the event
 * handed to the runtime to its answer), p50 and p99, and the DynamoDB calls it made, counted by the function's
 * {@link DynamoDbAuthorizer} (the stand-in for IAM every call goes through). Loopback, plain HTTP, DynamoDB Local:
 * compare runs on one machine, not with AWS.
 */
final class RuntimeClientWarmInvocations {
    static final int DEFAULT_INVOCATIONS = 1000;
    /** Rounds before measuring (the JIT, the SDK's connections, DynamoDB Local): a tenth of the measured, 20 to 100. */
    static int warmUpRounds(int invocations) {
        return Math.max(20, Math.min(100, invocations / 10));
    }
    static final Duration INVOKE_LIMIT = Duration.ofSeconds(60);
    static final int MAX_ATTEMPTS = 5;

    enum Kind {
        STEP_1("step-1 post (new lead)", RuntimeClientColdStarts.FORM, 201),
        STEP_2("step-2 post (lead turns hot)", RuntimeClientColdStarts.FORM, 201),
        PAGE_EVENT("page event (pricing page view)", "EventsFunction", 202);

        final String label;
        final String function;
        final int status;

        Kind(String label, String function, int status) {
            this.label = label;
            this.function = function;
            this.status = status;
        }
    }

    private record Sample(double millis, Map<String, Integer> calls) {
    }

    private final RehearsalStack deployment;
    private final BenchEvents events;
    private final Map<String, LambdaContainer> containers = new LinkedHashMap<>();
    private final Map<Kind, List<Sample>> samples = new LinkedHashMap<>();
    private final Map<Kind, Integer> retried = new LinkedHashMap<>();

    private RuntimeClientWarmInvocations(RehearsalStack deployment, BenchEvents events) {
        this.deployment = deployment;
        this.events = events;
    }

    /** Starts the two environments, runs the warm-up and the measured rounds, prints the table, stops them. */
    static void measureAndPrint(RehearsalStack deployment, BenchEvents events, int invocations, PrintStream out,
                                PrintStream progress) {
        RuntimeClientWarmInvocations run = new RuntimeClientWarmInvocations(deployment, events);
        String loadBefore = RuntimeClientColdStarts.loadAverage();
        try {
            for (Kind kind : Kind.values()) {
                run.containers.computeIfAbsent(kind.function, run::start);
            }
            progress.printf("warm invocations: %d warm-up rounds, then %d measured rounds%n", warmUpRounds(invocations),
                    invocations);
            for (int i = 0; i < warmUpRounds(invocations); i++) {
                run.round(false);
            }
            for (int i = 0; i < invocations; i++) {
                run.round(true);
            }
        } finally {
            run.containers.values().forEach(LambdaContainer::close);
        }
        run.print(out, invocations, loadBefore, RuntimeClientColdStarts.loadAverage());
    }

    private LambdaContainer start(String function) {
        LambdaContainer container = deployment.container(function).initType(LambdaContainer.InitType.ON_DEMAND).start();
        container.awaitReady(RuntimeClientColdStarts.START_LIMIT);
        return container;
    }

    private void round(boolean record) {
        JsonNode step1 = invoke(Kind.STEP_1, events.step1(BenchLeads.freshEmail("warm")), record);
        String token = step1.path("token").asText();
        invoke(Kind.STEP_2, events.step2(token), record);
        invoke(Kind.PAGE_EVENT, events.pageEvent(token), record);
    }

    /**
     * One invocation, checked for its status; the answer's JSON body. A 503 (the store too slow for the function's
     * 2 s call timeout, on a busy machine) is counted and the same event sent again, as a browser's retry would.
     */
    private JsonNode invoke(Kind kind, ObjectNode event, boolean record) {
        for (int attempt = 1; ; attempt++) {
            JsonNode body = invokeOnce(kind, event, record);
            if (body != null) {
                return body;
            }
            retried.merge(kind, 1, Integer::sum);
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException(kind.label + ": 503 " + MAX_ATTEMPTS + " times in a row");
            }
        }
    }

    /** @return the answer's JSON body, or null for a 503 */
    private JsonNode invokeOnce(Kind kind, ObjectNode event, boolean record) {
        DynamoDbAuthorizer dynamo = deployment.authorizer(kind.function);
        Map<String, Integer> before = dynamo.calls();
        RuntimeApiStandIn.Answer answer = containers.get(kind.function)
                .invoke(event.toString().getBytes(StandardCharsets.UTF_8), INVOKE_LIMIT);
        Map<String, Integer> made = new TreeMap<>();
        dynamo.calls().forEach((operation, n) -> {
            int more = n - before.getOrDefault(operation, 0);
            if (more > 0) {
                made.put(operation, more);
            }
        });
        if (answer.isError()) {
            throw new IllegalStateException(kind.label + ": the invocation failed: " + answer.error());
        }
        try {
            JsonNode response = BenchEvents.JSON.readTree(answer.text());
            if (response.path("statusCode").asInt() == 503) {
                return null;
            }
            if (response.path("statusCode").asInt() != kind.status) {
                throw new IllegalStateException(kind.label + ": answered " + answer.text());
            }
            if (record) {
                samples.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Sample(answer.durationMs(), made));
            }
            String body = response.path("body").asText("");
            return body.isEmpty() ? BenchEvents.JSON.createObjectNode() : BenchEvents.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(kind.label + " answered " + answer.text(), e);
        }
    }

    private void print(PrintStream out, int invocations, String loadBefore, String loadAfter) {
        out.printf("%nWarm invocations through the runtime interface client: one environment each of FormFunction and"
                + " EventsFunction (on demand), %d warm-up rounds, then %d rounds of a step-1 post, its step 2 and a page"
                + " event, interleaved; ms from the event handed to the runtime to its answer; DynamoDB calls per"
                + " invocation as the function's IAM stand-in counted them.%n", warmUpRounds(invocations), invocations);
        out.printf("Load average (1, 5, 15 min) before: %s; after: %s (the 2 cores are shared: compare within a run)%n",
                loadBefore, loadAfter);
        out.printf("%-34s %-15s %8s %8s %8s %8s  %s%n", "invocation", "function", "p50 ms", "p90 ms", "p99 ms", "calls",
                "DynamoDB calls per invocation (mean)");
        samples.forEach((kind, list) -> {
            double[] millis = list.stream().mapToDouble(Sample::millis).sorted().toArray();
            Map<String, Double> meanCalls = new TreeMap<>();
            list.forEach(s -> s.calls().forEach((op, n) -> meanCalls.merge(op, (double) n / list.size(), Double::sum)));
            double total = meanCalls.values().stream().mapToDouble(Double::doubleValue).sum();
            StringBuilder described = new StringBuilder();
            meanCalls.forEach((op, n) -> described.append(described.length() == 0 ? "" : " ")
                    .append(String.format(Locale.ROOT, "%s×%.2f", op, n)));
            out.printf(Locale.ROOT, "%-34s %-15s %8.1f %8.1f %8.1f %8.2f  %s%n", kind.label, kind.function,
                    Stats.quantile(millis, 0.5), Stats.quantile(millis, 0.9), Stats.quantile(millis, 0.99), total,
                    described);
        });
        out.printf("503s answered and sent again (warm-up included; not among the samples): %s%n",
                retried.isEmpty() ? "none" : retried);
    }
}
