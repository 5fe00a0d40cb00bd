package io.leadtriage.app.intake;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.intake.TakeFormPost.FormPost;
import io.leadtriage.app.intake.TakeFormPost.Taken;
import io.leadtriage.app.ports.HumanCheck;
import io.leadtriage.app.ports.HumanCheck.Verdict;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.TableFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leadtriage.testing.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A landing page's form post, from its raw fields to the stored lead and the page to show next, on the in-memory
 * ports: refusals that store nothing, the honeypot, the human check, abuse limits, the step-2 token, the next action.
 */
class TakeFormPostTest {
    static final String IP = "198.51.100.7";

    final CoreFlow flow = CoreFlow.start();

    static Taken take(TakeFormPost intake, String formId, Map<String, String> fields, String sourceIp) {
        return intake.take(new FormPost(formId, fields, sourceIp, CoreFlow.API));
    }

    Taken take(String formId, Map<String, String> fields) {
        return take(flow.takeFormPost(), formId, fields, IP);
    }

    Taken take(String formId, String fields) {
        return take(formId, TableFields.of(fields));
    }

    /** Step 1 of the two-step form, then step 2 with the token step 1 answered. */
    Taken step2After(String step1, String step2) {
        Map<String, String> fields = TableFields.of(step2);
        fields.put("_token", take("get-started", step1).token());
        return take("get-started", fields);
    }

    @ParameterizedTest(name = "form id {0}")
    @NullSource
    @ValueSource(strings = {"no-such-form", "../demo"})
    void anUnknownFormIsRefusedAndNothingIsStored(String formId) {
        Refusal refusal = refusalOf(() -> take(formId, "email=sam@northwind-saas.com"));

        assertThat(refusal.code()).isEqualTo(Refusal.UNKNOWN_FORM);
        assertThat(flow.storedLeads()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo        | email=nope; companySize=huge; country=Narnia; name=Jo; company=Acme"
                    + "| email=is not an email address; companySize=must be one of: 1-10, 11-50, 51-200, 201-1000, 1000+;"
                    + " country=must be a two-letter country code (ISO 3166), like US or DE",
            "demo        | email=jo@acme.io                        | name=is required; company=is required",
            "newsletter  | name=Jo                                 | email=is required",
            "webinar     | email=jo@acme.io; name= ; budget=lots   | name=is required;"
                    + " budget=must be one of: approved, planned, exploring, none",
            "get-started | email=jo@acme.io; consent=maybe; submissionId=1234"
                    + "| consent=must be true, on or yes (or left out); submissionId=must be a UUID",
            "newsletter  | email=jo@acme.io; pageUrl=javascript:alert(1); timezone=Mars/Olympus; industry=Software & SaaS"
                    + "| pageUrl=must be an http(s) address; timezone=must be a time zone such as Europe/Berlin;"
                    + " industry=must be lower-case letters, digits and dashes"})
    void invalidFieldsAreRefusedTogetherEachWithItsMessage(String formId, String fields, String problems) {
        Refusal refusal = refusalOf(() -> take(formId, fields));

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_FIELD);
        assertThat(refusal.fields()).isEqualTo(TableFields.of(problems));
        assertThat(flow.storedLeads()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x?bcc=spy%40evil.example@acme.io", "a&b@acme.io", "to=x@acme.io", "100%@acme.io"})
    void anAddressThatWouldBeAQueryInAMailtoLinkIsRefused(String address) {
        Refusal refusal = refusalOf(() -> take("newsletter", Map.of("email", address)));

        assertThat(refusal.fields()).containsEntry("email", "is not an email address");
        assertThat(flow.storedLeads()).isEmpty();
    }

    @Test
    void aFieldWithANulCharacterIsRefusedUnderASafeName() {
        Map<String, String> fields = new HashMap<>(Map.of("email", "jo@acme.io", "<b>evil</b>", "a\u0000b"));

        Refusal refusal = refusalOf(() -> take("newsletter", fields));

        assertThat(refusal.fields()).containsOnlyKeys("_field");
    }

    @ParameterizedTest(name = "{0} with {1}: answered {2}, nothing stored")
    @CsvSource(delimiter = '|', value = {
            "get-started | email=bot@spam.example                  | step2",
            "newsletter  | email=bot@spam.example                  | thank_you",
            "demo        | email=not an email; companySize=huge    | thank_you"})
    void aFilledHoneypotIsAnsweredLikeASuccessAndStoresNothing(String formId, String fields, String action) {
        Map<String, String> post = TableFields.of(fields);
        post.put("_gotcha", "http://spam.example");

        Taken taken = take(formId, post);

        assertThat(taken.action()).isEqualTo(action);
        assertThat(taken.created()).as("like a new address's answer").isTrue();
        assertThat(flow.services().tokens().verify(TokenPurpose.FORM, taken.token())).contains(taken.leadId());
        assertThat(flow.storedLeads()).isEmpty();
        assertThat(flow.storage().queries().findById(taken.leadId())).isEmpty();
        assertThat(flow.mail().sent()).isEmpty();
    }

    /** A verifier that answers what the test says and remembers what it was asked. */
    static final class StandInHumanCheck implements HumanCheck {
        final List<String> asked = new ArrayList<>();
        Verdict verdict;

        StandInHumanCheck(Verdict verdict) {
            this.verdict = verdict;
        }

        @Override
        public Verdict verify(String token, String remoteIp) {
            asked.add(token + " from " + remoteIp);
            return verdict;
        }
    }

    static Map<String, String> hotDemo(String email) {
        return new HashMap<>(Map.of("email", email, "name", "Hu Man", "company", "Northwind", "timeline", "now",
                TakeFormPost.HUMAN_CHECK_FIELD, "XXXX.DUMMY.TOKEN"));
    }

    @Test
    void aFailedHumanCheckIsRefusedOnTheWidgetsFieldAndNothingIsStored() {
        StandInHumanCheck check = new StandInHumanCheck(Verdict.FAILED);

        Refusal refusal = refusalOf(() -> take(flow.takeFormPostWith(check), "demo", hotDemo("hu@northwind-saas.com"), IP));

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_FIELD);
        assertThat(refusal.fields()).containsExactly(Map.entry(TakeFormPost.HUMAN_CHECK_FIELD, "please complete the challenge"));
        assertThat(check.asked).containsExactly("XXXX.DUMMY.TOKEN from " + IP);
        assertThat(flow.storedLeads()).isEmpty();
        assertThat(flow.mail().sent()).isEmpty();
    }

    @ParameterizedTest(name = "verifier {0}: a spam suspect? {1}")
    @CsvSource({"PASSED, false", "UNAVAILABLE, true"})
    void aHotLeadIsKeptButAlertsNobodyWhenTheVerifierCannotBeAsked(Verdict verdict, boolean spamSuspect) {
        Taken taken = take(flow.takeFormPostWith(new StandInHumanCheck(verdict)), "demo", hotDemo("hu@northwind-saas.com"), IP);

        LeadRecord lead = flow.lead(taken.leadId());
        assertThat(lead.qualification().tier()).isEqualTo(Tier.HOT);
        assertThat(lead.sales().spamSuspect()).isEqualTo(spamSuspect);
        assertThat(lead.hotEpisode()).isEqualTo(spamSuspect ? 0 : 1);
        flow.dispatchAfter(Duration.ofMinutes(30));
        assertThat(flow.mail().alertsAbout("Hu Man")).hasSize(spamSuspect ? 0 : 1);
    }

    @ParameterizedTest(name = "verifier {0} at step 2")
    @EnumSource(Verdict.class)
    void onlyStepOneIsChecked(Verdict atStep2) {
        StandInHumanCheck check = new StandInHumanCheck(Verdict.PASSED);
        TakeFormPost intake = flow.takeFormPostWith(check);
        Taken step1 = take(intake, "get-started", Map.of("email", "hu@northwind-saas.com",
                TakeFormPost.HUMAN_CHECK_FIELD, "step-1-token"), IP);
        check.verdict = atStep2;

        Taken step2 = take(intake, "get-started", Map.of("_token", step1.token(), "company", "Northwind",
                "companySize", "11-50"), IP);

        assertThat(step2.leadId()).isEqualTo(step1.leadId());
        assertThat(check.asked).as("the step-2 token vouches for it").containsExactly("step-1-token from " + IP);
        assertThat(flow.lead(step1.leadId()).sales().spamSuspect()).isFalse();
    }

    @Test
    void oneClientAboveItsLimitIsRefusedUntilTheMinutesWindowEnds() {
        CoreFlow limited = CoreFlow.start(CoreFlow.Options.DEFAULTS.withLimits(new AbuseLimits(3, 2)));
        limited.clock().advance(Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            take(limited.takeFormPost(), "newsletter", Map.of("email", "client" + i + "@acme.io"), IP);
        }

        Refusal refusal = refusalOf(() -> take(limited.takeFormPost(), "newsletter", Map.of("email", "client3@acme.io"), IP));

        assertThat(refusal.code()).isEqualTo(Refusal.RATE_LIMITED);
        assertThat(refusal.retryAfterSeconds()).as("the rest of the minute").isEqualTo(50);
        assertThat(limited.storage().leads().findLeadIdByEmail("client3@acme.io")).isEmpty();
        assertThat(take(limited.takeFormPost(), "newsletter", Map.of("email", "other@acme.io"), "203.0.113.99").created())
                .as("another client is not affected").isTrue();
        assertThat(take(limited.takeFormPost(), "newsletter", Map.of("email", "unknown-ip@acme.io"), null).created())
                .as("a client whose address is unknown is not counted").isTrue();
        limited.clock().advance(Duration.ofMinutes(1));
        assertThat(take(limited.takeFormPost(), "newsletter", Map.of("email", "client3@acme.io"), IP).created())
                .as("a new window").isTrue();
    }

    @Test
    void oneAddressSubmittedTooOftenIsRefusedFromAnyClientUntilTheHoursWindowEnds() {
        CoreFlow limited = CoreFlow.start(CoreFlow.Options.DEFAULTS.withLimits(new AbuseLimits(3, 2)));
        limited.clock().advance(Duration.ofSeconds(10));
        take(limited.takeFormPost(), "newsletter", Map.of("email", "same@acme.io"), "198.51.100.1");
        take(limited.takeFormPost(), "ebook", Map.of("email", "same@acme.io"), "198.51.100.2");

        Refusal refusal = refusalOf(() -> take(limited.takeFormPost(), "webinar",
                Map.of("email", "SAME@acme.io", "name", "Sam"), "198.51.100.3"));

        assertThat(refusal.code()).isEqualTo(Refusal.RATE_LIMITED);
        assertThat(refusal.retryAfterSeconds()).as("the rest of the hour").isEqualTo(3590);
        String leadId = limited.storage().leads().findLeadIdByEmail("same@acme.io").orElseThrow();
        assertThat(limited.timeline(leadId)).contains("newsletter", "ebook, unverified").doesNotContain("webinar");
    }

    @Test
    void aStepTwoWithAnExpiredSessionSaysSoBeforeAskingForAMissingField() {
        Taken step1 = take("get-started", "email=dee@northwind-saas.com; name=Dee Lee");
        String expired = flow.services().tokens().issue(TokenPurpose.FORM, step1.leadId(), Duration.ofSeconds(-1));

        Refusal refusal = refusalOf(() -> take("get-started", Map.of("_token", expired, "company", "Acme")));

        assertThat(refusal.code()).as("not 'companySize is required'").isEqualTo(Refusal.INVALID_TOKEN);
        assertThat(refusal.fields()).isEmpty();
    }

    /** The token with the fifth character from its end changed. */
    static String forged(String token) {
        int at = token.length() - 5;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + changed + token.substring(at + 1);
    }

    @ParameterizedTest(name = "step 2 with {0}")
    @ValueSource(strings = {"a forged token", "an expired token", "a survey token", "another deployment's token",
            "garbage", "a blank token"})
    void aStepTwoWithABadTokenIsRefusedAndChangesNothing(String token) {
        Taken step1 = take("get-started", "email=dee@northwind-saas.com; name=Dee Lee");
        TokenService tokens = flow.services().tokens();
        String sent = switch (token) {
            // A character inside the signature: the last one may carry only padding bits, which decode the same.
            case "a forged token" -> forged(step1.token());
            case "an expired token" -> tokens.issue(TokenPurpose.FORM, step1.leadId(), Duration.ofSeconds(-1));
            case "a survey token" -> tokens.issue(TokenPurpose.SURVEY, step1.leadId());
            case "another deployment's token" -> new TokenService("another-deployment-key-0123456789abcdef0123",
                    flow.clock()).issue(TokenPurpose.FORM, step1.leadId());
            case "garbage" -> "not.a.token";
            default -> " ";
        };
        long version = flow.lead(step1.leadId()).version();

        Refusal refusal = refusalOf(() -> take("get-started", Map.of("_token", sent, "company", "Acme", "companySize", "1-10",
                "email", "someone.else@northwind-saas.com")));

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_TOKEN);
        assertThat(flow.lead(step1.leadId()).version()).isEqualTo(version);
        assertThat(flow.storedLeads()).hasSize(1);
    }

    @Test
    void aStepTwoTokenStopsWorkingAfterAWeek() {
        Taken step1 = take("get-started", "email=dee@northwind-saas.com");
        flow.clock().advance(TokenPurpose.FORM.validity().plusSeconds(1));

        Refusal refusal = refusalOf(() -> take("get-started", Map.of("_token", step1.token(), "company", "Acme",
                "companySize", "1-10")));

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_TOKEN);
    }

    @Test
    void aStepTwoWithoutItsRequiredFieldsIsRefused() {
        Refusal refusal = refusalOf(() -> step2After("email=dee@northwind-saas.com", "companySize=1-10"));

        assertThat(refusal.fields()).containsOnlyKeys("company");
    }

    @ParameterizedTest(name = "step 2 with {0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "company=Acme; companySize=1-10                                                    | thank_you    | /thank-you.html",
            "company=Acme; companySize=51-200; role=decision_maker; budget=approved; timeline=now | book_meeting | /book.html"})
    void aValidStepTwoUpdatesTheSameLead(String answers, String action, String url) {
        Taken step1 = take("get-started", "email=dee@northwind-saas.com; name=Dee Lee");
        flow.clock().advance(Duration.ofMinutes(2));
        Map<String, String> step2Fields = TableFields.of(answers);
        step2Fields.put("_token", step1.token());

        Taken step2 = take("get-started", step2Fields);

        assertThat(step2.leadId()).isEqualTo(step1.leadId());
        assertThat(step2.created()).isFalse();
        assertThat(step2.action()).isEqualTo(action);
        assertThat(step2.url()).isEqualTo(url);
        LeadRecord lead = flow.lead(step1.leadId());
        assertThat(lead.lead().answers().asMap()).containsEntry("name", "Dee Lee").containsAllEntriesOf(TableFields.of(answers));
        assertThat(lead.awaitingStep2Since()).isNull();
        assertThat(flow.timeline(step1.leadId())).contains("get-started step 1", "get-started step 2");
        assertThat(flow.storedLeads()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} with {1} → {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "get-started   | email=dee@northwind-saas.com                                        | step2        | /?step=2",
            "newsletter    | email=sam@northwind-saas.com; timeline=now                          | thank_you    | /thank-you.html",
            "demo          | email=ana@northwind-saas.com; name=Ana; company=Acme; timeline=now  | book_meeting | /book.html",
            "contact-sales | email=ana@northwind-saas.com; name=Ana; company=Acme; timeline=now  | book_meeting | /book.html",
            "demo          | email=ana@northwind-saas.com; name=Ana; company=Acme                | thank_you    | /thank-you.html",
            "trial         | email=tom@northwind-saas.com; timeline=now; budget=approved          | thank_you    | /thank-you.html",
            "demo          | email=ana@mailinator.com; name=Ana; company=Acme; timeline=now      | thank_you    | /thank-you.html"})
    void theNextPageFollowsFromTheFormAndWhetherThePostMakesTheLeadHot(String formId, String fields, String action,
                                                                       String url) {
        Taken taken = take(formId, fields);

        assertThat(taken.action()).isEqualTo(action);
        assertThat(taken.url()).isEqualTo(url);
        assertThat(taken.toStep2()).isEqualTo(action.equals("step2"));
        assertThat(flow.services().tokens().verify(TokenPurpose.FORM, taken.token())).contains(taken.leadId());
        assertThat(flow.lead(taken.leadId()).lead().email()).isEqualTo(TableFields.of(fields).get("email"));
    }

    @Test
    void aKnownAddressGetsTheNextPageThisPostCallsForNotTheOneItsHistoryDoes() {
        take("newsletter", "email=sam@northwind-saas.com; timeline=now");
        String demo = "name=Sam Lee; company=Acme";

        Taken known = take("demo", "email=sam@northwind-saas.com; " + demo);
        Taken fresh = take("demo", "email=someone.new@northwind-saas.com; " + demo);

        String sam = flow.storage().leads().findLeadIdByEmail("sam@northwind-saas.com").orElseThrow();
        assertThat(flow.lead(sam).qualification().tier()).as("25 + 30 points").isEqualTo(Tier.HOT);
        assertThat(known.action()).as("the answer must not tell that the address is a lead").isEqualTo(fresh.action())
                .isEqualTo("thank_you");
    }

    @ParameterizedTest(name = "{0}: created? {3}")
    @CsvSource(delimiter = '|', value = {
            "a new address                            | newsletter | email=new@northwind-saas.com  | true  | new",
            "a known address in other letter case     | ebook      | email=Sam@Northwind-SaaS.com  | false | unverified",
            "the first post again, same submission id | newsletter | email=ana@northwind-saas.com; submissionId=11111111-2222-4333-8444-555555555555 | true | ana",
            "a known address with a new submission id | newsletter | email=ana@northwind-saas.com; submissionId=66666666-2222-4333-8444-555555555555 | false | unverified"})
    void createdSaysWhetherTheLeadIsNewWithThisPostOrWithTheOneItRepeats(String what, String formId, String fields,
                                                                        boolean created, String lead) {
        Map<String, String> known = Map.of(
                "sam", take("newsletter", "email=sam@northwind-saas.com").leadId(),
                "ana", take("newsletter", "email=ana@northwind-saas.com; submissionId=11111111-2222-4333-8444-555555555555")
                        .leadId());
        flow.clock().advance(Duration.ofMinutes(1));

        Taken taken = take(formId, fields);

        assertThat(taken.created()).isEqualTo(created);
        if (known.containsKey(lead)) {
            assertThat(taken.leadId()).isEqualTo(known.get(lead));
        } else {
            assertThat(known).doesNotContainValue(taken.leadId());
        }
        assertThat(flow.storedLeads()).as("no second lead for a known address").hasSize(lead.equals("new") ? 3 : 2);
    }

    @Test
    void aPostForAKnownAddressWithoutItsTokenIsAnsweredAsANewAddressIsAndChangesNoAnswerNorTheConsent() {
        Taken sams = take("newsletter", "email=sam@northwind-saas.com; name=Sam Lee; company=Acme; consent=true");
        Instant consented = flow.lead(sams.leadId()).consent().at();
        flow.clock().advance(Duration.ofHours(1));

        Taken other = take("demo", "email=sam@northwind-saas.com; name=Mallory; company=Evil Corp; consent=true");
        Taken fresh = take("demo", "email=nobody.yet@northwind-saas.com; name=Mallory; company=Evil Corp; consent=true");

        assertThat(List.of(other.action(), other.url())).isEqualTo(List.of(fresh.action(), fresh.url()));
        assertThat(other.leadId()).as("an id of the same shape, not Sam's").isNotEqualTo(sams.leadId())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(flow.services().tokens().verify(TokenPurpose.FORM, other.token())).contains(other.leadId());
        LeadRecord sam = flow.lead(sams.leadId());
        assertThat(sam.lead().answers().asMap()).containsEntry("name", "Sam Lee").containsEntry("company", "Acme");
        assertThat(sam.consent().at()).as("the first proof of consent stands").isEqualTo(consented);
        assertThat(flow.timeline(sams.leadId())).contains("demo, unverified",
                "not applied (sent without this lead's token): company=Evil Corp; name=Mallory");
        assertThat(flow.timeline(sams.leadId())).filteredOn(e -> e.startsWith("consent text"))
                .as("the consent ledger keeps both, in order").hasSize(2)
                .last().asString().endsWith("unverified; the consent of " + consented + " stands");
        assertThat(sam.lead().signals()).as("the form's signal counts: a returning lead asked for a demo")
                .anyMatch(signal -> signal.detail().equals("form:demo"));
    }

    @Test
    void aStepTwoAfterAnUnverifiedStepOneKeepsItsAnswersInTheTimelineOnly() {
        String sams = take("newsletter", "email=sam@northwind-saas.com; name=Sam Lee").leadId();
        flow.clock().advance(Duration.ofMinutes(5));
        Taken step1 = take("get-started", "email=sam@northwind-saas.com; name=Mallory");
        Map<String, String> step2Fields = TableFields.of("company=Evil Corp; companySize=1000+; role=decision_maker");
        step2Fields.put("_token", step1.token());

        Taken step2 = take("get-started", step2Fields);

        assertThat(step1.action()).isEqualTo("step2");
        assertThat(step2.leadId()).isEqualTo(step1.leadId()).isNotEqualTo(sams);
        assertThat(flow.lead(sams).lead().answers().asMap()).containsOnly(Map.entry("name", "Sam Lee"));
        assertThat(flow.lead(sams).awaitingStep2Since()).as("no step-2 reminder to Sam for a post Sam did not make")
                .isNull();
        assertThat(flow.timeline(sams)).contains("get-started step 1, unverified", "get-started step 2, unverified",
                "not applied (sent without this lead's token): company=Evil Corp; companySize=1000+; role=decision_maker");
    }

    @Test
    void aRepeatOfAnUnverifiedPostGetsTheSameIdAndIsStoredOnce() {
        take("newsletter", "email=sam@northwind-saas.com");
        flow.clock().advance(Duration.ofMinutes(5));

        Taken first = take("ebook", "email=sam@northwind-saas.com; name=Mallory");
        Taken again = take("ebook", "email=sam@northwind-saas.com; name=Mallory");

        assertThat(again.leadId()).isEqualTo(first.leadId());
        String sams = flow.storage().leads().findLeadIdByEmail("sam@northwind-saas.com").orElseThrow();
        assertThat(flow.timeline(sams)).filteredOn("ebook, unverified"::equals).hasSize(1);
    }

    @Test
    void aSingleStepFormPostedWithTheLeadsOwnTokenUpdatesTheLead() {
        Taken sams = take("newsletter", "email=sam@northwind-saas.com; name=Sam Lee");
        flow.clock().advance(Duration.ofDays(1));
        Map<String, String> fields = TableFields.of("email=sam@northwind-saas.com; name=Sam Lee; company=Acme");
        fields.put("_token", sams.token());

        Taken again = take("demo", fields);

        assertThat(again.leadId()).isEqualTo(sams.leadId());
        assertThat(flow.lead(sams.leadId()).lead().answers().asMap()).containsEntry("company", "Acme");
        assertThat(flow.timeline(sams.leadId())).contains("demo").doesNotContain("demo, unverified");
    }

    @Test
    void anotherLeadsTokenProvesNothingAboutThisAddress() {
        Taken sams = take("newsletter", "email=sam@northwind-saas.com; name=Sam Lee");
        Taken mallorys = take("newsletter", "email=mallory@northwind-saas.com");
        Map<String, String> fields = TableFields.of("email=sam@northwind-saas.com; name=Mallory; company=Evil Corp");
        fields.put("_token", mallorys.token());

        Taken taken = take("demo", fields);

        assertThat(taken.leadId()).isNotIn(sams.leadId(), mallorys.leadId());
        assertThat(flow.lead(sams.leadId()).lead().answers().asMap()).containsOnly(Map.entry("name", "Sam Lee"));
    }
}
