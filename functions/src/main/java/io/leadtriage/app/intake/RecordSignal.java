package io.leadtriage.app.intake;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.UnknownLeadException;
import io.leadtriage.app.tokens.Secrets;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.model.Behaviour;
import io.leadtriage.ops.Log;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A behaviour signal: from the page snippet with the form's {@code _token} (page views, pricing views, downloads),
 * or from a product backend with the ingest key and the lead's {@code email} (trial started, usage limit reached,
 * teammate invited). Added to the lead, with its source, and rescored, so a lead can turn hot, or become a PQL,
 * between forms. Which source may report which signal is the model's word (a behaviour rule's {@code sources}): an
 * unknown type, or one the model does not accept from this source, is refused, so a signal never changes a score
 * silently.
 */
public final class RecordSignal {
    /** The page's category, as the page snippet reads it from {@code data-leadtriage-page}. */
    static final String CATEGORY = "category";
    private final LeadUpdates updates;
    private final ModelInEffect models;
    private final AbuseGuard abuse;
    private final TokenService tokens;
    private final List<String> ingestKeys;
    private final Clock clock;

    public RecordSignal(LeadUpdates updates, ModelInEffect models, AbuseGuard abuse, TokenService tokens,
                        List<String> ingestKeys, Clock clock) {
        this.updates = updates;
        this.models = models;
        this.abuse = abuse;
        this.tokens = tokens;
        this.ingestKeys = List.copyOf(ingestKeys);
        this.clock = clock;
    }

    /**
     * An event post.
     *
     * @param authorization the {@code Authorization} header (a backend's ingest key), or null from a page
     * @param apiBaseUrl    where this API answered, for the emails of a lead a backend names first
     */
    public record EventPost(Map<String, String> fields, String authorization, String sourceIp, String apiBaseUrl) {
    }

    /** @return the change made to the lead (a repeat of an earlier event id changes nothing) */
    public LeadUpdates.Applied record(EventPost post) {
        Map<String, String> raw = post.fields();
        boolean fromBackend = post.authorization() != null;
        if (fromBackend) {
            abuse.countClient(post.sourceIp(), "events");
            if (ingestKeys.stream().noneMatch(key -> Secrets.bearerMatches(post.authorization(), key))) {
                throw Refusal.invalidToken();
            }
        }
        // A page's beacon is limited per lead (AbuseGuard.checkBeacon), from what the lead's item already holds.
        String pageLeadId = fromBackend ? null
                : tokens.verify(TokenPurpose.FORM, raw.get(FormFields.TOKEN)).orElseThrow(Refusal::invalidToken);
        SignalSource source = fromBackend ? SignalSource.BACKEND : SignalSource.PAGE;
        SignalType type = acceptedType(raw.getOrDefault("type", ""), source, models.refreshIfDue().model().behaviour());
        Map<String, String> problems = new LinkedHashMap<>();
        String detail = "";
        if (raw.containsKey("url") && !raw.get("url").isBlank()) {
            String url = FormFields.check(problems, "url", () -> FieldRules.url(raw.get("url")));
            detail = url == null ? "" : pathOf(url);
        }
        String category = "";
        if (!raw.getOrDefault(CATEGORY, "").isBlank()) {
            category = FormFields.check(problems, CATEGORY, () -> pageCategory(type, raw.get(CATEGORY)));
        }
        String eventId = null;
        if (raw.containsKey("eventId") && !raw.get("eventId").isBlank()) {
            eventId = FormFields.check(problems, "eventId", () -> FieldRules.submissionId(raw.get("eventId")));
        }
        String email = null;
        if (fromBackend) {
            if (raw.getOrDefault("email", "").isBlank()) {
                problems.put("email", "is required with the ingest key");
            } else {
                email = FormFields.check(problems, "email", () -> FieldRules.email(raw.get("email")));
            }
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalidFields(problems);
        }
        Signal signal = new Signal(type, clock.instant(), detail, true, source, category);
        String onceKey = eventId == null ? null : "event#" + eventId;
        LeadUpdates.Applied applied;
        if (fromBackend) {
            applied = forEmail(email, signal, onceKey, post.apiBaseUrl());
        } else {
            applied = forLeadOrUnverified(pageLeadId, signal, onceKey);
        }
        Log.info("signal recorded", Map.of("type", type.wireName(), "source", source.wireName(), "leadId", applied.after().id(),
                "repeat", applied.repeat(), "turnedHot", applied.turnedHot()));
        return applied;
    }

    /**
     * What kind of page a page view was on ({@code data-leadtriage-page}): a slug, on a page view only (a pricing page
     * sends pricing_page_view, a download is of a resource, not a page).
     */
    static String pageCategory(SignalType type, String raw) {
        if (type != SignalType.PAGE_VIEW) {
            throw new FieldRules.Invalid("is sent with page_view only");
        }
        return FieldRules.slug(raw);
    }

    /**
     * The signal's type, if the model accepts it from this source: an unknown type is an invalid field (naming the
     * types this source may send), a known one the model accepts only from other sources is
     * {@link Refusal#SOURCE_NOT_ALLOWED}.
     */
    static SignalType acceptedType(String wireName, SignalSource source, Behaviour behaviour) {
        Optional<SignalType> type = SignalType.fromWireName(wireName);
        if (type.isPresent() && behaviour.acceptedSources(type.get()).contains(source)) {
            return type.get();
        }
        if (type.isEmpty()) {
            throw Refusal.invalidFields(Map.of("type", "must be one of: " + Arrays.stream(SignalType.values())
                    .filter(t -> behaviour.acceptedSources(t).contains(source)).map(SignalType::wireName)
                    .collect(Collectors.joining(", "))));
        }
        Set<SignalSource> accepted = behaviour.acceptedSources(type.get());
        throw Refusal.sourceNotAllowed(type.get().wireName() + " is not accepted from a " + source + (accepted.isEmpty()
                ? "" : "; the model accepts it from: " + accepted.stream().map(SignalSource::wireName)
                .collect(Collectors.joining(", "))) + ".");
    }

    /** For a lead known by id (the snippet's token); a lead that no longer exists is an {@link UnknownLeadException}. */
    LeadUpdates.Applied forLead(String leadId, Signal signal, String onceKey) {
        return updates.apply(LeadUpdates.Lookup.byId(leadId), onceKey, (current, now) -> {
            LeadRecord lead = current.orElseThrow(() -> new UnknownLeadException(leadId));
            if (signal.source() == SignalSource.PAGE) {
                abuse.checkBeacon(lead.lead().signals(), now);
            }
            return Optional.of(withSignal(lead, signal));
        });
    }

    /**
     * For the lead a page's token names; where the token is an unverified submission's (a form posted for a known
     * address without that lead's token), the beacon is kept in the lead's timeline but scores nothing: whoever
     * browses there has not shown they are the lead.
     */
    private LeadUpdates.Applied forLeadOrUnverified(String id, Signal signal, String onceKey) {
        try {
            return forLead(id, signal, onceKey);
        } catch (UnknownLeadException e) {
            String leadId = updates.leadIdOfUnverifiedSubmission(id).orElseThrow(() -> e);
            return forLead(leadId, new Signal(signal.type(), signal.at(), signal.detail() + " (unverified)", false,
                    signal.source(), signal.category()), onceKey);
        }
    }

    /** For a lead known by email (a product backend): one we have not met yet starts here. */
    LeadUpdates.Applied forEmail(String email, Signal signal, String onceKey, String apiBaseUrl) {
        return updates.apply(LeadUpdates.Lookup.byEmail(email), onceKey, (current, now) -> {
            LeadRecord lead = current.orElseGet(() -> LeadRecord.fresh(
                    new Lead(UUID.randomUUID().toString(), email, Answers.none(), List.of()), now,
                    Map.of("formId", "product:" + signal.type().wireName()), apiBaseUrl));
            return Optional.of(withSignal(lead, signal));
        });
    }

    private static LeadUpdates.Draft withSignal(LeadRecord lead, Signal signal) {
        LeadRecord changed = lead.withLead(lead.lead().withSignal(signal));
        return new LeadUpdates.Draft(changed, List.of(TimelineEntry.ofSignal(signal)), LeadUpdates.Cause.signal(signal));
    }

    /** Only the path is kept: query strings can carry personal data (and tokens). */
    private static String pathOf(String url) {
        try {
            String path = java.net.URI.create(url).getPath();
            return path == null || path.isEmpty() ? "/" : path;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
