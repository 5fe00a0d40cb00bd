package io.leadtriage.app.crm;

import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.RecordOutcome;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.UnknownLeadException;
import io.leadtriage.app.intake.FormFields;
import io.leadtriage.app.tokens.RequestSignature;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A CRM workflow reports what became of a lead (an opportunity opened, a deal won or lost): the second door to
 * {@link RecordOutcome}, so the funnel and the calibration learn from it exactly as from the admin route. The request
 * is signed ({@link RequestSignature}); its body is read only once the signature holds, and it names the lead by
 * {@code leadId} (from the {@code lead.hot} event or the alert) or by {@code email}. Recorded once per deal and
 * outcome: a workflow that fires twice changes nothing the second time, while the same deal moving on (opportunity,
 * then won) is recorded again. The deal, amount and currency go on the lead's timeline line for the outcome.
 */
public final class RecordCrmOutcome {
    /** A CRM's record id: HubSpot's numeric deal ids, Salesforce's 15/18-character ids, and most others. */
    private static final Pattern DEAL_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,100}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern LEAD_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    private final RecordOutcome recordOutcome;
    private final RequestSignature signature;
    private final Clock clock;

    public RecordCrmOutcome(RecordOutcome recordOutcome, RequestSignature signature, Clock clock) {
        this.recordOutcome = recordOutcome;
        this.signature = signature;
        this.clock = clock;
    }

    /** What the CRM is answered, a repeat alike. */
    public record Result(String leadId, String outcome, String dealId, boolean repeat) {
    }

    /**
     * @param signatureHeader the {@link RequestSignature#HEADER} header, or null
     * @param body            the raw body, as signed
     * @param fields          reads the body's fields (JSON), once the signature holds
     * @throws Refusal a bad or old signature (401), a malformed body naming the field (400), no such lead (404)
     */
    public Result record(String signatureHeader, byte[] body, Function<byte[], Map<String, String>> fields) {
        signature.verify(signatureHeader, body, clock.instant());
        Map<String, String> raw = fields.apply(body);
        Map<String, String> problems = new LinkedHashMap<>();
        String outcome = raw.getOrDefault("outcome", "").strip().toLowerCase(Locale.ROOT);
        if (!RecordOutcome.OUTCOMES.contains(outcome)) {
            problems.put("outcome", "must be one of: " + String.join(", ", RecordOutcome.OUTCOMES));
        }
        String dealId = raw.getOrDefault("dealId", "").strip();
        if (!DEAL_ID.matcher(dealId).matches()) {
            problems.put("dealId", "is required: the CRM's deal (or opportunity) id, letters, digits and _ . : - only");
        }
        String amount = amount(raw.get("amount"), problems);
        String currency = raw.getOrDefault("currency", "").strip().toUpperCase(Locale.ROOT);
        if (!currency.isEmpty() && !CURRENCY.matcher(currency).matches()) {
            problems.put("currency", "must be an ISO 4217 code such as EUR or USD");
        }
        LeadUpdates.Lookup find = lookup(raw, problems);
        if (!problems.isEmpty()) {
            throw Refusal.invalidFields(problems);
        }
        String detail = outcome + " (deal " + dealId + (amount == null ? "" : ", " + amount
                + (currency.isEmpty() ? "" : " " + currency)) + ")";
        Refusal unknown = new Refusal(Refusal.UNKNOWN_LEAD, "No lead with this "
                + (raw.containsKey("leadId") ? "leadId" : "email") + ": the deal's lead is not known here.", Map.of());
        RecordOutcome.Recorded recorded;
        try {
            recorded = recordOutcome.record(find, outcome, "crm#" + outcome + "#" + dealId, detail).orElseThrow(() -> unknown);
        } catch (UnknownLeadException e) {
            // A repeat of an outcome whose lead was erased since: no lead here any more, as for an unknown one.
            throw unknown;
        }
        return new Result(recorded.lead().id(), outcome, dealId, recorded.repeat());
    }

    private static LeadUpdates.Lookup lookup(Map<String, String> raw, Map<String, String> problems) {
        String leadId = raw.getOrDefault("leadId", "").strip();
        if (!leadId.isEmpty()) {
            if (!LEAD_ID.matcher(leadId).matches()) {
                problems.put("leadId", "is not a leadtriage lead id");
                return null;
            }
            return LeadUpdates.Lookup.byId(leadId);
        }
        if (raw.getOrDefault("email", "").isBlank()) {
            problems.put("leadId", "or email is required: the lead the deal is for");
            return null;
        }
        String email = FormFields.email(problems, "email", raw.get("email"));
        return email == null ? null : LeadUpdates.Lookup.byEmail(email);
    }

    /** A plain decimal (1200, 1200.50), or nothing; kept as written, for the timeline. */
    private static String amount(String raw, Map<String, String> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(raw.strip());
            if (value.signum() < 0 || value.compareTo(MAX_AMOUNT) >= 0 || value.scale() > 4) {
                problems.put("amount", "must be a positive number such as 1200 or 1200.50");
                return null;
            }
            return value.toPlainString();
        } catch (NumberFormatException e) {
            problems.put("amount", "must be a number such as 1200 or 1200.50, without a currency sign");
            return null;
        }
    }
}
