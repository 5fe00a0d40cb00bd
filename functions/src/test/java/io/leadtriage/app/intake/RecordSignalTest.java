package io.leadtriage.app.intake;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.UnknownLeadException;
import io.leadtriage.app.intake.RecordSignal.EventPost;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.TestModels;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.TableFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static io.leadtriage.testing.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behaviour signals on the in-memory ports: what a page may report with its form token, what only a product backend
 * may report with the ingest key and an email (the model's sources, by default as before they were in the model), the page's URL kept as a path, and an event id counted once.
 */
class RecordSignalTest {
    static final String IP = "198.51.100.7";
    static final String INGEST = "Bearer " + CoreFlow.INGEST_KEY;
    static final String PAGE_TYPES = "page_view, pricing_page_view, resource_download";
    static final String BACKEND_TYPES = "page_view, pricing_page_view, newsletter_signup, resource_download,"
            + " webinar_registration, demo_request, contact_sales, quote_request, trial_started, usage_limit_reached,"
            + " teammate_invited";
    static final String EVENT_ID = "11111111-2222-4333-8444-555555555555";

    final CoreFlow flow = CoreFlow.start();
    /** 5 points: cold, a lead (newsletter +5). */
    final String samId = flow.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee")).after().id();

    LeadUpdates.Applied record(CoreFlow on, Map<String, String> fields, String authorization) {
        return on.services().recordSignal().record(new EventPost(fields, authorization, IP, CoreFlow.API));
    }

    /** A page's signal about Sam, with the token of Sam's form. */
    LeadUpdates.Applied fromPage(String fields) {
        Map<String, String> post = TableFields.of(fields);
        post.put("_token", flow.services().tokens().issue(TokenPurpose.FORM, samId));
        return record(flow, post, null);
    }

    LeadUpdates.Applied fromBackend(String fields) {
        return record(flow, TableFields.of(fields), INGEST);
    }

    /** A post about Sam with the token of Sam's form, and the ingest key when {@code key} is given; what refused it. */
    Refusal refused(String fields, String key) {
        return refusalOf(() -> {
            Map<String, String> post = TableFields.of(fields);
            post.put("_token", flow.services().tokens().issue(TokenPurpose.FORM, samId));
            record(flow, post, key == null ? null : INGEST);
        });
    }

    @ParameterizedTest(name = "a page reports {0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "type=page_view; url=https://www.example.com/blog/why-leads-go-cold                | page_view (/blog/why-leads-go-cold)",
            "type=pricing_page_view; url=https://www.example.com/pricing?email=leak@example.com#plans | pricing_page_view (/pricing)",
            "type=page_view; url=https://www.example.com                                       | page_view (/)",
            "type=resource_download                                                            | resource_download"})
    void aPageReportsWithItsFormTokenAndOnlyThePathOfItsUrlIsKept(String fields, String entry) {
        LeadUpdates.Applied applied = fromPage(fields);

        assertThat(applied.after().id()).isEqualTo(samId);
        SignalType type = SignalType.fromWireName(TableFields.of(fields).get("type")).orElseThrow();
        assertThat(flow.lead(samId).lead().signals()).filteredOn(s -> s.type() == type).singleElement()
                .satisfies(signal -> assertThat(signal.detail()).doesNotContain("leak", "?", "#", "example.com"));
        assertThat(flow.timeline(samId)).contains(entry);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an unknown type from a page       | type=looked_at_cats      |        | type=must be one of: " + PAGE_TYPES,
            "no type                           | url=https://www.example.com/ |    | type=must be one of: " + PAGE_TYPES,
            "an unknown type from a backend    | type=looked_at_cats; email=sam@northwind-saas.com | key | type=must be one of: "
                    + BACKEND_TYPES,
            "a backend without an email        | type=trial_started       | key    | email=is required with the ingest key",
            "a backend with a bad email        | type=trial_started; email=sam.northwind | key | email=is not an email address",
            "a URL that is not a web page's    | type=page_view; url=javascript:alert(1) | | url=must be an http(s) address",
            "an event id that is not a UUID    | type=page_view; eventId=42 |      | eventId=must be a UUID",
            "a page category that is no slug   | type=page_view; category=careers page | | category=must be lower-case letters, digits and dashes",
            "a page category on a pricing view | type=pricing_page_view; category=careers | | category=is sent with page_view only",
            "a page category on a download     | type=resource_download; category=docs | | category=is sent with page_view only"})
    void aSignalThatMustNotScoreIsRefusedNamingTheField(String what, String fields, String key, String problems) {
        Refusal refusal = refused(fields, key);

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_FIELD);
        assertThat(refusal.fields()).isEqualTo(TableFields.of(problems));
        assertThat(flow.lead(samId).version()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a careers page                 | type=page_view; category=careers; url=https://www.example.com/jobs/sdr | -5 | page_view [careers] (/jobs/sdr)",
            "a category in capitals         | type=page_view; category=Support; url=https://www.example.com/help     | 0  | page_view [support] (/help)",
            "a category the model has no rule for | type=page_view; category=blog                                  | 10 | page_view [blog]"})
    void aPageSaysItsCategoryAndTheModelScoresItApart(String what, String fields, int score, String entry) {
        flow.services().changeModel().put(TestModels.withPageCategories(), null);

        fromPage(fields);

        assertThat(flow.lead(samId).qualification().score()).isEqualTo(score);
        assertThat(flow.timeline(samId)).contains(entry);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a demo request from a page   | type=demo_request        |     | demo_request is not accepted from a page; the model accepts it from: form, backend.",
            "a product signal from a page | type=usage_limit_reached |     | usage_limit_reached is not accepted from a page; the model accepts it from: form, backend.",
            "a click from a page          | type=email_click         |     | email_click is not accepted from a page; the model accepts it from: email.",
            "a click from a backend       | type=email_click; email=sam@northwind-saas.com | key | email_click is not accepted from a backend; the model accepts it from: email."})
    void aKnownSignalFromASourceItsRulesDoNotAcceptIsRefusedAndNeverScores(String what, String fields, String key,
                                                                          String message) {
        Refusal refusal = refused(fields, key);

        assertThat(refusal.code()).isEqualTo(Refusal.SOURCE_NOT_ALLOWED);
        assertThat(refusal.getMessage()).isEqualTo(message);
        assertThat(flow.lead(samId).version()).isEqualTo(1);
    }

    @Test
    void theModelSaysWhichSourceMaySendWhichSignal() {
        flow.services().changeModel().put(TestModels.editedText(
                "    - signal: pricing_page_view\n      points: 20\n",
                "    - signal: pricing_page_view\n      points: 20\n      sources: [backend]\n"), null);

        Refusal fromAPage = refusalOf(() -> fromPage("type=pricing_page_view"));
        fromBackend("type=pricing_page_view; email=sam@northwind-saas.com");

        assertThat(fromAPage.code()).isEqualTo(Refusal.SOURCE_NOT_ALLOWED);
        assertThat(fromAPage.getMessage())
                .isEqualTo("pricing_page_view is not accepted from a page; the model accepts it from: backend.");
        assertThat(flow.lead(samId).lead().signals()).filteredOn(s -> s.type() == SignalType.PRICING_PAGE_VIEW)
                .singleElement().satisfies(s -> assertThat(s.source()).isEqualTo(SignalSource.BACKEND));
        assertThat(flow.lead(samId).qualification().score()).isEqualTo(25);
    }

    @ParameterizedTest(name = "{0} is stored as from {1}")
    @CsvSource(delimiter = '|', value = {
            "a page's page view        | PAGE",
            "a backend's page view     | BACKEND"})
    void everySignalIsStoredWithItsSource(String what, SignalSource source) {
        if (source == SignalSource.PAGE) {
            fromPage("type=page_view");
        } else {
            fromBackend("type=page_view; email=sam@northwind-saas.com");
        }

        assertThat(flow.lead(samId).lead().signals()).extracting(s -> s.type() + " from " + s.source())
                .containsExactlyInAnyOrder("newsletter_signup from form", "page_view from " + source.wireName());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a backend with a wrong key         | type=trial_started; email=sam@northwind-saas.com | Bearer not-the-key",
            "a backend with the key in another scheme | type=trial_started; email=sam@northwind-saas.com | Basic "
                    + CoreFlow.INGEST_KEY,
            "a page without its token           | type=page_view                                   | ",
            "a page with a survey's token       | type=page_view; _token=survey                    | "})
    void aSignalFromNobodyWeKnowIsRefusedAsAnInvalidToken(String what, String fields, String authorization) {
        Map<String, String> post = TableFields.of(fields);
        post.computeIfPresent("_token", (name, purpose) -> flow.services().tokens().issue(TokenPurpose.SURVEY, samId));

        Refusal refusal = refusalOf(() -> record(flow, post, authorization));

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_TOKEN);
        assertThat(flow.lead(samId).version()).isEqualTo(1);
    }

    @Test
    void aPageOfAVisitorWhoTypedAKnownAddressWithoutItsTokenReachesTheLeadButScoresNothing() {
        TakeFormPost.Taken other = flow.services().takeFormPost().take(new TakeFormPost.FormPost("ebook",
                TableFields.of("email=sam@northwind-saas.com; name=Mallory"), IP, CoreFlow.API));
        int before = flow.lead(samId).qualification().score();

        for (int i = 0; i < 5; i++) {
            record(flow, Map.of("type", "pricing_page_view", "url", "https://www.example.com/pricing",
                    "_token", other.token()), null);
        }

        assertThat(other.leadId()).isNotEqualTo(samId);
        assertThat(flow.lead(samId).qualification().score()).isEqualTo(before);
        assertThat(flow.timeline(samId)).contains("pricing_page_view (/pricing (unverified))");
        assertThat(flow.storedLeads()).hasSize(1);
    }

    @Test
    void aPagesTokenForALeadThatIsGoneNamesNoLead() {
        String token = flow.services().tokens().issue(TokenPurpose.FORM, samId);
        flow.services().eraseLead().erase(samId);

        assertThatThrownBy(() -> record(flow, Map.of("type", "page_view", "_token", token), null))
                .isInstanceOf(UnknownLeadException.class);
        assertThat(flow.storedLeads()).isEmpty();
    }

    @ParameterizedTest(name = "a backend reports {0} for {1}")
    @CsvSource(delimiter = '|', value = {
            "trial_started       | SAM@Northwind-SaaS.com    | sam | 20 | WARM | PQL",
            "demo_request        | sam@northwind-saas.com    | sam | 35 | WARM | MQL",
            "usage_limit_reached | new.user@northwind-saas.com | new | 30 | WARM | PQL"})
    void aBackendReportsByEmailAndAnAddressWeHaveNotMetStartsALead(String type, String email, String lead, int score,
                                                                  Tier tier, Stage stage) {
        LeadUpdates.Applied applied = fromBackend("type=" + type + "; email=" + email);

        assertThat(applied.created()).isEqualTo(lead.equals("new"));
        LeadRecord stored = flow.lead(applied.after().id());
        assertThat(stored.lead().email()).isEqualTo(email.toLowerCase());
        assertThat(stored.qualification().score()).isEqualTo(score);
        assertThat(stored.qualification().tier()).isEqualTo(tier);
        assertThat(stored.qualification().stage()).isEqualTo(stage);
        if (lead.equals("sam")) {
            assertThat(stored.id()).isEqualTo(samId);
        } else {
            assertThat(stored.source()).containsEntry("formId", "product:" + type);
            assertThat(stored.consent()).as("a backend's word is no consent to email").isNull();
            assertThat(stored.apiBaseUrl()).isEqualTo(CoreFlow.API);
        }
        assertThat(flow.timeline(stored.id())).contains(type);
    }

    @ParameterizedTest(name = "the same event id twice, from {0}")
    @CsvSource(delimiter = '|', value = {
            "a page    | type=pricing_page_view; eventId=" + EVENT_ID,
            "a backend | type=trial_started; email=sam@northwind-saas.com; eventId=" + EVENT_ID})
    void theSameEventIdCountsOnce(String from, String fields) {
        boolean page = from.equals("a page");
        LeadUpdates.Applied first = page ? fromPage(fields) : fromBackend(fields);
        LeadUpdates.Applied again = page ? fromPage(fields) : fromBackend(fields);

        assertThat(first.repeat()).isFalse();
        assertThat(again.repeat()).isTrue();
        assertThat(again.after().version()).isEqualTo(first.after().version());
        SignalType type = SignalType.fromWireName(TableFields.of(fields).get("type")).orElseThrow();
        assertThat(flow.lead(samId).lead().signals()).filteredOn(s -> s.type() == type).hasSize(1);

        fromPage("type=pricing_page_view; eventId=66666666-2222-4333-8444-555555555555");
        assertThat(flow.lead(samId).lead().signals()).as("another event id is another event")
                .filteredOn(s -> s.type() == SignalType.PRICING_PAGE_VIEW).hasSize(page ? 2 : 1);
    }

    @Test
    void oneClientAboveItsLimitIsRefused() {
        CoreFlow limited = CoreFlow.start(CoreFlow.Options.DEFAULTS.withLimits(new AbuseLimits(2, 100)));
        Map<String, String> backend = new HashMap<>(Map.of("type", "teammate_invited", "email", "sam@northwind-saas.com"));
        record(limited, backend, INGEST);
        record(limited, backend, INGEST);

        Refusal refusal = refusalOf(() -> record(limited, backend, INGEST));

        assertThat(refusal.code()).isEqualTo(Refusal.RATE_LIMITED);
        assertThat(limited.storedLeads()).singleElement().satisfies(lead -> assertThat(lead.lead().signals()).hasSize(2));
    }

    @Test
    void aPagesBeaconsWithTheLeadsTokenCountNoClientButAreLimitedPerLead() {
        CoreFlow limited = CoreFlow.start(CoreFlow.Options.DEFAULTS.withLimits(new AbuseLimits(2, 100)));
        String leadId = limited.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee")).after().id();
        String token = limited.services().tokens().issue(TokenPurpose.FORM, leadId);
        for (int i = 0; i < AbuseGuard.BEACONS_PER_LEAD_PER_WINDOW; i++) {
            limited.clock().advance(java.time.Duration.ofMillis(100));
            record(limited, new HashMap<>(Map.of("type", "page_view", "url", "https://acme.io/p" + i, "_token", token)), null);
        }

        Refusal refusal = refusalOf(() -> record(limited, new HashMap<>(Map.of("type", "page_view", "_token", token)), null));

        assertThat(refusal.code()).isEqualTo(Refusal.RATE_LIMITED);
        assertThat(refusal.retryAfterSeconds()).isBetween(1, 60);
        assertThat(limited.lead(leadId).lead().signals()).as("nothing stored for the refused beacon")
                .filteredOn(s -> s.source() == SignalSource.PAGE).hasSize(AbuseGuard.BEACONS_PER_LEAD_PER_WINDOW);

        limited.clock().advance(java.time.Duration.ofSeconds(refusal.retryAfterSeconds()));
        assertThat(record(limited, new HashMap<>(Map.of("type", "page_view", "_token", token)), null).repeat())
                .as("accepted once the window moved on").isFalse();
    }

    @Test
    void aBeaconWithATokenThatDoesNotVerifyIsRefusedBeforeAnythingIsRead() {
        CoreFlow limited = CoreFlow.start(CoreFlow.Options.DEFAULTS.withLimits(new AbuseLimits(1, 100)));

        for (int i = 0; i < 3; i++) {
            assertThat(refusalOf(() -> record(limited, new HashMap<>(Map.of("type", "page_view", "_token", "forged")), null))
                    .code()).isEqualTo(Refusal.INVALID_TOKEN);
        }
    }
}
