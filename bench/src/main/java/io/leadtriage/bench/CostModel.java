package io.leadtriage.bench;

import io.leadtriage.bench.UnitCosts.Cost;
import io.leadtriage.bench.UnitCosts.Operation;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Monthly AWS cost at 10k, 100k and 1M leads a month: the unit costs measured by {@link UnitCosts} and
 * the cold starts measured by {@link ColdStarts}, times what a lead does in a month (the assumptions
 * below), at on-demand list prices. Every assumption is a named constant and is printed with the result.
 */
final class CostModel {
    // Prices: us-east-1, on-demand list prices, no free tier, no Savings Plans; looked up on 2026-11-23
    // (aws.amazon.com/lambda/pricing, /dynamodb/pricing/on-demand, /ses/pricing, /api-gateway/pricing).
    static final String PRICES_AS_OF = "2026-11-23, us-east-1";
    /** Lambda, Arm (Graviton), first 7.5 billion GB-s a month; INIT is billed too since 1 Aug 2025. */
    static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
    static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;
    /** DynamoDB on-demand, Standard table class (after the November 2024 price cut). */
    static final double DYNAMODB_PER_MILLION_WRU = 0.625;
    static final double DYNAMODB_PER_MILLION_RRU = 0.125;
    static final double DYNAMODB_PER_GB_MONTH = 0.25;
    /** SES outbound email, no attachments. */
    static final double SES_PER_THOUSAND_EMAILS = 0.10;
    /** HTTP API, first 300 million requests a month. */
    static final double HTTP_API_PER_MILLION_REQUESTS = 1.00;
    /** CloudWatch Logs, Standard log class: ingestion, and storage (raw size, kept a month: LogRetentionDays ≥ 30). */
    static final double LOGS_PER_GB_INGESTED = 0.50;
    static final double LOGS_PER_GB_MONTH_STORED = 0.03;
    /** Secrets Manager: each secret a month, and its API calls. */
    static final double SECRETS_PER_SECRET_MONTH = 0.40;
    static final double SECRETS_PER_TEN_THOUSAND_CALLS = 0.05;

    // What one lead does in its first month (assumptions, not measurements).
    /** Every lead posts step 1 of the two-step get-started form once. */
    static final double STEP_1_PER_LEAD = 1.0;
    /** Half of them finish step 2; each is costed as the dearer case measured: it turns the lead hot (alert). */
    static final double STEP_2_PER_LEAD = 0.5;
    /** Double submits and browser retries that hit the idempotency marker. */
    static final double REPEATS_PER_LEAD = 0.05;
    static final double SURVEY_ANSWERS_PER_LEAD = 0.1;
    /** Page views, pricing views and downloads the snippet reports. */
    static final double PAGE_EVENTS_PER_LEAD = 5;
    /** Nurture steps and the step-2 reminder the dispatcher sends (the default sequences have 3 or 4 steps). */
    static final double DISPATCHED_EMAILS_PER_LEAD = 3;
    /** SES publishes one delivery event per email to SesEventFunction (EventBridge). */
    static final double DELIVERY_EVENTS_PER_EMAIL = 1;
    static final double CLICKS_PER_EMAIL = 0.05;
    /** Browser JSON posts (steps, survey) are preceded by a CORS preflight; counted as billed requests to be safe. */
    static final double PREFLIGHTS_PER_JSON_POST = 1;
    /** AWS's figure for production workloads: cold starts in under 1 % of invocations. */
    static final double COLD_START_SHARE = 0.01;
    /** The dispatcher runs every minute whatever the volume: 30 days × 1440. */
    static final double DISPATCHER_TICKS_PER_MONTH = 30 * 1440;
    /**
     * What Lambda itself writes to a function's log group per invocation: START, END and REPORT lines (the REPORT
     * line with its X-Ray segment under Tracing: Active). An assumption from their documented shape, not measured.
     */
    static final double PLATFORM_LOG_BYTES_PER_INVOCATION = 350;
    /** A read DynamoDB Local reports as 0 units (a Query that finds nothing) is billed as an eventually consistent 4 KB read. */
    static final double RRU_PER_EMPTY_READ = 0.5;

    /**
     * Report counters (ReportsAtAYear): counter items a lead's transactions update in its first month. Two (its day and
     * its cell) for each change that moves its counts: the new lead; step 2, costed as turning it hot (0.5); its first
     * alert handed to SES (0.5); a change of tier or stage by a signal or the tier review (0.5); a survey answer (0.1);
     * an outcome or a verdict (0.1, one more item: its rule set); and one (its sequence step's) for each nurture email
     * the dispatcher sends (taken as all {@link #DISPATCHED_EMAILS_PER_LEAD}). A page view that changes no tier moves
     * no count. Then the email figures (README "Reports": sent, delivered, clicked… per day, kind and step), one
     * update each: every delivery, the hot lead's alert sent (0.5), an email's first click by a person; unsubscribes,
     * bounces and complaints are left out (well under 1 % of emails).
     */
    static final double COUNTER_UPDATES_PER_LEAD = 2 * (1 + 0.5 + 0.5 + 0.5 + 0.1) + 3 * 0.1 + DISPATCHED_EMAILS_PER_LEAD
            + DISPATCHED_EMAILS_PER_LEAD * DELIVERY_EVENTS_PER_EMAIL + 0.5 + DISPATCHED_EMAILS_PER_LEAD * CLICKS_PER_EMAIL;
    /**
     * A counter item is a few hundred bytes (ReportsAtAYear prints the largest), under 1 KB: 2 WRU an update inside a
     * transaction. DynamoDB Local leaves a transaction's updates out of the capacity it reports, so the measured
     * operations above do not hold these units: they are added here.
     */
    static final double WRU_PER_COUNTER_UPDATE = 2;

    static final long[] LEADS_PER_MONTH = {10_000, 100_000, 1_000_000};
    static final String SES_LINE = "SES emails";
    static final String SECRETS_LINE = "Secrets Manager secrets (fixed)";

    private final Map<Operation, Cost> costs = new EnumMap<>(Operation.class);
    private final Map<String, Integer> memoryMb;
    private final Map<String, Double> coldStartMs;
    private final double storedBytesPerLead;
    private final int secrets;
    private final Map<String, Integer> secretsReadAtInit;

    /**
     * @param memoryMb          MemorySize of each function (template.yaml)
     * @param coldStartMs       median cold start of each function, JVM start to first event served
     * @param secrets           the secrets a deployment holds (template.yaml's, by default)
     * @param secretsReadAtInit how many secrets each function reads at init (one GetSecretValue each)
     */
    CostModel(UnitCosts.Result unitCosts, Map<String, Integer> memoryMb, Map<String, Double> coldStartMs, int secrets,
              Map<String, Integer> secretsReadAtInit) {
        unitCosts.costs().forEach(c -> costs.put(c.operation(), c));
        this.memoryMb = memoryMb;
        this.coldStartMs = coldStartMs;
        this.storedBytesPerLead = unitCosts.storedBytesPerLead();
        this.secrets = secrets;
        this.secretsReadAtInit = secretsReadAtInit;
    }

    /** How many times a lead causes each operation in a month; a dispatched email is the tick's extra work. */
    private Map<Operation, Double> perLead() {
        Map<Operation, Double> counts = new EnumMap<>(Operation.class);
        counts.put(Operation.NEW_LEAD, STEP_1_PER_LEAD);
        counts.put(Operation.STEP_2, STEP_2_PER_LEAD);
        counts.put(Operation.REPEATED_SUBMISSION, REPEATS_PER_LEAD);
        counts.put(Operation.SURVEY_ANSWER, SURVEY_ANSWERS_PER_LEAD);
        counts.put(Operation.PAGE_EVENT, PAGE_EVENTS_PER_LEAD);
        counts.put(Operation.SES_DELIVERY, DISPATCHED_EMAILS_PER_LEAD * DELIVERY_EVENTS_PER_EMAIL);
        counts.put(Operation.SES_CLICK, DISPATCHED_EMAILS_PER_LEAD * CLICKS_PER_EMAIL);
        return counts;
    }

    /**
     * Work a lead adds to dispatcher ticks that run anyway (its extra time, units and sends, no invocation of its
     * own): its emails, and the publishing of its lead events.
     */
    private Map<Operation, Double> tickWorkPerLead() {
        Map<Operation, Double> counts = new EnumMap<>(Operation.class);
        counts.put(Operation.EMAIL_DISPATCHED, DISPATCHED_EMAILS_PER_LEAD);
        counts.put(Operation.NEW_LEAD_EVENTS, STEP_1_PER_LEAD);
        return counts;
    }

    /** Per lead: requests, invocations, GB-s, units, emails, bytes of log lines, Secrets Manager calls. */
    record Usage(double apiRequests, double invocations, double warmGbSeconds, double coldGbSeconds,
                 double writeUnits, double readUnits, double emails, double logBytes, double secretCalls) {
        Usage times(double n) {
            return new Usage(apiRequests * n, invocations * n, warmGbSeconds * n, coldGbSeconds * n, writeUnits * n,
                    readUnits * n, emails * n, logBytes * n, secretCalls * n);
        }
    }

    Usage perLeadUsage() {
        double api = 0;
        double invocations = 0;
        double warm = 0;
        double cold = 0;
        double wru = 0;
        double rru = 0;
        double emails = 0;
        double logBytes = 0;
        double secretCalls = 0;
        for (Map.Entry<Operation, Double> e : perLead().entrySet()) {
            Cost c = cost(e.getKey());
            double n = e.getValue();
            invocations += n;
            double gb = memoryMb.get(c.operation().function) / 1024.0;
            warm += n * billedSeconds(c.warmMillis()) * gb;
            double coldExtraMs = Math.max(0, coldStartMs.getOrDefault(c.operation().function, 0.0) - c.warmMillis());
            cold += n * COLD_START_SHARE * billedSeconds(coldExtraMs) * gb;
            secretCalls += n * COLD_START_SHARE * secretsReadAtInit.getOrDefault(c.operation().function, 0);
            wru += n * c.writeUnits();
            rru += n * readUnits(c);
            emails += n * c.sesSends();
            logBytes += n * (c.logBytes() + PLATFORM_LOG_BYTES_PER_INVOCATION);
            if (c.operation().function.equals("FormFunction") || c.operation().function.equals("SurveyFunction")
                    || c.operation().function.equals("EventsFunction")) {
                api += n;
            }
        }
        api += PREFLIGHTS_PER_JSON_POST * (STEP_1_PER_LEAD + STEP_2_PER_LEAD + REPEATS_PER_LEAD + SURVEY_ANSWERS_PER_LEAD);
        // A dispatched email or a lead's events add to a tick that runs anyway: only the extra time, units, sends, lines.
        Cost idle = cost(Operation.DISPATCHER_IDLE);
        for (Map.Entry<Operation, Double> e : tickWorkPerLead().entrySet()) {
            Cost work = cost(e.getKey());
            double n = e.getValue();
            double dispatcherGb = memoryMb.get(work.operation().function) / 1024.0;
            warm += n * Math.max(0, work.warmMillis() - idle.warmMillis()) / 1000.0 * dispatcherGb;
            wru += n * (work.writeUnits() - idle.writeUnits());
            rru += n * Math.max(0, readUnits(work) - readUnits(idle));
            emails += n * (work.sesSends() - idle.sesSends());
            logBytes += n * Math.max(0, work.logBytes() - idle.logBytes());
        }
        return new Usage(api, invocations, warm, cold, wru, rru, emails, logBytes, secretCalls);
    }

    /** The dispatcher's ticks: a cost that does not depend on how many leads there are. */
    Usage fixedMonthlyUsage() {
        Cost idle = cost(Operation.DISPATCHER_IDLE);
        double gb = memoryMb.get(idle.operation().function) / 1024.0;
        return new Usage(0, DISPATCHER_TICKS_PER_MONTH, DISPATCHER_TICKS_PER_MONTH * billedSeconds(idle.warmMillis()) * gb,
                0, DISPATCHER_TICKS_PER_MONTH * idle.writeUnits(), DISPATCHER_TICKS_PER_MONTH * readUnits(idle), 0,
                DISPATCHER_TICKS_PER_MONTH * (idle.logBytes() + PLATFORM_LOG_BYTES_PER_INVOCATION),
                DISPATCHER_TICKS_PER_MONTH * COLD_START_SHARE * secretsReadAtInit.getOrDefault(idle.operation().function, 0));
    }

    /** Monthly cost lines, in dollars, for {@code leads} leads a month. */
    Map<String, Double> monthly(long leads) {
        Usage u = perLeadUsage().times(leads);
        Usage fixed = fixedMonthlyUsage();
        Map<String, Double> lines = new LinkedHashMap<>();
        lines.put("HTTP API requests", u.apiRequests() / 1e6 * HTTP_API_PER_MILLION_REQUESTS);
        lines.put("Lambda requests", u.invocations() / 1e6 * LAMBDA_PER_MILLION_REQUESTS);
        lines.put("Lambda compute, warm", u.warmGbSeconds() * LAMBDA_ARM_PER_GB_SECOND);
        lines.put("Lambda compute, cold starts", u.coldGbSeconds() * LAMBDA_ARM_PER_GB_SECOND);
        lines.put("DynamoDB writes", u.writeUnits() / 1e6 * DYNAMODB_PER_MILLION_WRU);
        lines.put("DynamoDB reads", u.readUnits() / 1e6 * DYNAMODB_PER_MILLION_RRU);
        lines.put("DynamoDB writes, report counters", counterWriteUnitsPerLead() * leads / 1e6 * DYNAMODB_PER_MILLION_WRU);
        lines.put("DynamoDB storage, 1 month of leads", leads * storedBytesPerLead / 1e9 * DYNAMODB_PER_GB_MONTH);
        lines.put("CloudWatch Logs (ingested, kept a month)", u.logBytes() / 1e9
                * (LOGS_PER_GB_INGESTED + LOGS_PER_GB_MONTH_STORED));
        lines.put("Secrets Manager calls (cold starts)", u.secretCalls() / 1e4 * SECRETS_PER_TEN_THOUSAND_CALLS);
        lines.put(SES_LINE, u.emails() / 1000 * SES_PER_THOUSAND_EMAILS);
        lines.put("dispatcher every minute (fixed)", fixed.invocations() / 1e6 * LAMBDA_PER_MILLION_REQUESTS
                + fixed.warmGbSeconds() * LAMBDA_ARM_PER_GB_SECOND
                + fixed.writeUnits() / 1e6 * DYNAMODB_PER_MILLION_WRU + fixed.readUnits() / 1e6 * DYNAMODB_PER_MILLION_RRU
                + fixed.logBytes() / 1e9 * (LOGS_PER_GB_INGESTED + LOGS_PER_GB_MONTH_STORED)
                + fixed.secretCalls() / 1e4 * SECRETS_PER_TEN_THOUSAND_CALLS);
        lines.put(SECRETS_LINE, secrets * SECRETS_PER_SECRET_MONTH);
        return lines;
    }

    void print(PrintStream out) {
        Usage lead = perLeadUsage();
        out.printf("Prices (%s): Lambda arm64 $%.10f per GB-s and $%.2f per million requests; DynamoDB on-demand"
                        + " $%.3f per million WRU, $%.3f per million RRU, $%.2f per GB-month; SES $%.2f per 1,000 emails;"
                        + " HTTP API $%.2f per million requests; CloudWatch Logs $%.2f per GB ingested, $%.2f per GB-month"
                        + " stored; Secrets Manager $%.2f per secret-month, $%.2f per 10,000 calls. No free tier.%n",
                PRICES_AS_OF, LAMBDA_ARM_PER_GB_SECOND,
                LAMBDA_PER_MILLION_REQUESTS, DYNAMODB_PER_MILLION_WRU, DYNAMODB_PER_MILLION_RRU, DYNAMODB_PER_GB_MONTH,
                SES_PER_THOUSAND_EMAILS, HTTP_API_PER_MILLION_REQUESTS, LOGS_PER_GB_INGESTED, LOGS_PER_GB_MONTH_STORED,
                SECRETS_PER_SECRET_MONTH, SECRETS_PER_TEN_THOUSAND_CALLS);
        out.printf("A lead, in its first month (assumed): %.0f step 1, %.1f step 2 (costed as turning hot), %.2f repeats,"
                        + " %.1f survey answers, %.0f page events, %.0f dispatched emails, %.0f SES delivery event and"
                        + " %.2f clicks per email, a CORS preflight per JSON post; %.0f %% of invocations cold.%n",
                STEP_1_PER_LEAD, STEP_2_PER_LEAD, REPEATS_PER_LEAD, SURVEY_ANSWERS_PER_LEAD, PAGE_EVENTS_PER_LEAD,
                DISPATCHED_EMAILS_PER_LEAD, DELIVERY_EVENTS_PER_EMAIL, CLICKS_PER_EMAIL, COLD_START_SHARE * 100);
        out.printf("Logs: what the functions printed while the operations ran (log and EMF metric lines, LOG_LEVEL=INFO)"
                        + " plus %.0f bytes a invocation of Lambda's own START/END/REPORT lines (assumed), kept a month."
                        + " Secrets: %d secrets (template.yaml's, Turnstile's off), each function reading its own at init:"
                        + " one call per secret per cold start (%s), as without SnapStart (under SnapStart only each"
                        + " version's snapshot reads them).%n",
                PLATFORM_LOG_BYTES_PER_INVOCATION, secrets, COLD_START_SHARE * 100 + " % of invocations");
        out.printf("Per lead, from the measurements: %.2f API requests, %.2f Lambda invocations, %.3f GB-s warm"
                        + " (durations as measured here), %.1f WRU (and %.1f of report counters, computed), %.1f RRU,"
                        + " %.2f emails, %.0f bytes stored, %.0f bytes of log lines, %.3f Secrets Manager calls.%n",
                lead.apiRequests(), lead.invocations(), lead.warmGbSeconds(), lead.writeUnits(),
                counterWriteUnitsPerLead(), lead.readUnits(), lead.emails(), storedBytesPerLead, lead.logBytes(),
                lead.secretCalls());
        out.printf("%-38s", "monthly cost, USD");
        for (long leads : LEADS_PER_MONTH) {
            out.printf("%16s", String.format("%,d leads", leads));
        }
        out.println();
        List<Map<String, Double>> columns = java.util.Arrays.stream(LEADS_PER_MONTH).mapToObj(this::monthly).toList();
        for (String line : columns.get(0).keySet()) {
            out.printf("%-38s", line);
            columns.forEach(c -> out.printf("%16.2f", c.get(line)));
            out.println();
        }
        out.printf("%-38s", "total");
        columns.forEach(c -> out.printf("%16.2f", c.values().stream().mapToDouble(Double::doubleValue).sum()));
        out.println();
        out.printf("%-38s", "infrastructure (all but SES's fee)");
        columns.forEach(c -> out.printf("%16.2f", infrastructure(c)));
        out.println();
        out.printf("%-38s", "  without the fixed secrets' fee");
        columns.forEach(c -> out.printf("%16.2f", infrastructure(c) - c.get(SECRETS_LINE)));
        out.println();
        out.printf("%-38s", "  of which report counters, %");
        columns.forEach(c -> out.printf("%16.1f", 100 * c.get("DynamoDB writes, report counters")
                / c.values().stream().mapToDouble(Double::doubleValue).sum()));
        out.println();
        out.printf("Report counters: %.1f counter updates a lead (assumed, see CostModel), %.0f WRU each: %.1f WRU a lead,"
                + " %.2f million WRU per 100,000 leads.%n", COUNTER_UPDATES_PER_LEAD, WRU_PER_COUNTER_UPDATE,
                counterWriteUnitsPerLead(), counterWriteUnitsPerLead() * 100_000 / 1e6);
        out.printf("%-38s", "  if every invocation were cold: +");
        for (long leads : LEADS_PER_MONTH) {
            double allCold = perLeadUsage().coldGbSeconds() * leads / COLD_START_SHARE * (1 - COLD_START_SHARE);
            out.printf("%16.2f", allCold * LAMBDA_ARM_PER_GB_SECOND);
        }
        out.println();
        out.printf("%-38s", "  if warm durations were 3x: +");
        for (long leads : LEADS_PER_MONTH) {
            out.printf("%16.2f", 2 * (perLeadUsage().warmGbSeconds() * leads + fixedMonthlyUsage().warmGbSeconds())
                    * LAMBDA_ARM_PER_GB_SECOND);
        }
        out.println();
    }

    private static double infrastructure(Map<String, Double> column) {
        return column.values().stream().mapToDouble(Double::doubleValue).sum() - column.get(SES_LINE);
    }

    /** WRU the report counters add to a lead's first month. */
    static double counterWriteUnitsPerLead() {
        return COUNTER_UPDATES_PER_LEAD * WRU_PER_COUNTER_UPDATE;
    }

    private Cost cost(Operation operation) {
        Cost c = costs.get(operation);
        if (c == null) {
            throw new IllegalStateException("no unit cost measured for " + operation);
        }
        return c;
    }

    private static double readUnits(Cost c) {
        return c.readUnits() + c.zeroUnitReads() * RRU_PER_EMPTY_READ;
    }

    /** Lambda bills duration in whole milliseconds, rounded up. */
    private static double billedSeconds(double millis) {
        return Math.ceil(millis) / 1000.0;
    }
}
