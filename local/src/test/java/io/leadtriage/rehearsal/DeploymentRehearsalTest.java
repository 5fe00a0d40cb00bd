package io.leadtriage.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadtriage.adapters.dynamodb.EmailIndex;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.RequestSignature;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Tier;
import io.leadtriage.local.DynamoDbLocal;
import io.leadtriage.local.SamTemplate;
import io.leadtriage.local.StoredEmail;
import io.leadtriage.wiring.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment rehearsal (issue 13): the artifact {@code sam build} makes, run function by function under
 * the real Lambda Java runtime interface client, in a fresh JVM with the template's flags, memory size, handler
 * and environment as the stack resolves them, SnapStart's lifecycle as Lambda runs it (init, the org.crac
 * beforeCheckpoint hooks that prime, the snapshot point, afterRestore, then invocations), credentials from a
 * container credentials endpoint only, DynamoDB Local, the SES emulator and Secrets Manager (moto) reached
 * only through the SDK's standard endpoint variables. Every function of template.yaml is invoked with its
 * envelope from events/, twice in the same execution environment, and what it answered, stored and sent is
 * checked; at the snapshot point nothing may have been written or sent. The functions run one after the other
 * and pass a lead along, as a real lead goes from the form to the admin's list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentRehearsalTest {
    /** Init under SnapStart reads the secrets and builds the SDK clients; a cold JVM on two cores. */
    static final Duration START_LIMIT = Duration.ofSeconds(120);
    static final Duration INVOKE_LIMIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern DISPOSITION_LINK = Pattern.compile("/v1/alerts/disposition\\?t=([A-Za-z0-9_.%-]+)");
    /** A class only a request (or priming's made-up one) loads: the form body parser. */
    static final String PRIMING_ONLY_CLASS = "io.leadtriage.handlers.http.FormBody";
    static final Pattern UNSUBSCRIBE_LINK = Pattern.compile("/v1/unsubscribe\\?t=([A-Za-z0-9_.%-]+)");

    RehearsalStack deployment;
    /** The stack's table, read through the adapters the functions use: what they stored. */
    Storage table;
    TokenService tokens;
    String ingestKey;
    Path events;
    final Set<String> rehearsed = new TreeSet<>();
    final Map<String, String> figures = new TreeMap<>();
    // What one function's work hands to the next, as it would in production.
    String janeId;
    String janeFormToken;
    String samId;

    @BeforeAll
    void deploy() {
        long start = System.nanoTime();
        SamBuild.Result build = SamBuild.shared();
        Path template = SamBuild.template();
        events = template.resolveSibling("events");
        SamTemplate tables = SamTemplate.read(template);
        deployment = RehearsalStack.deploy(template, SimulatedStack.Settings.fromSamConfig(template.resolveSibling("samconfig.toml")),
                build, Path.of(System.getProperty("leadtriage.sesEmulator", "../test-support/node_modules/.bin/aws-ses-v2-local")),
                data -> {
                    DynamoDbLocal dynamo = DynamoDbLocal.start(data);
                    return new RehearsalStack.DynamoDb(dynamo.endpoint(), dynamo.client(),
                            (client, logicalId, name) -> DynamoDbLocal.createTable(client, tables, logicalId, name), dynamo);
                });
        table = Storage.dynamo(deployment.dynamo(), deployment.stack().ref("LeadsTable"),
                EmailIndex.keyedWith(key("EmailIndexSecret")));
        tokens = new TokenService(key("TokenSigningSecret"), Clock.systemUTC());
        ingestKey = key("IngestKeySecret");
        LambdaRuntimeImage.Jdk jdk = deployment.image().jdk();
        System.out.printf("deployment rehearsal: sam build %.0f s (scratch tests: %s); RIC %s on JDK %s (%s); stack %s in %s%n",
                build.took().toMillis() / 1000.0, build.builds().values().stream().map(b -> b.tests().toString()).collect(Collectors.joining("; ")),
                deployment.image().ricVersion(), jdk.version(), jdk.why(), deployment.stack().settings().stackName(),
                deployment.stack().settings().region());
        figures.put("0 setup", String.format("%.1f s (sam build and stand-ins)", (System.nanoTime() - start) / 1e9));
    }

    @AfterAll
    void stop() {
        System.out.println("deployment rehearsal, per function (ms since the JVM was launched; snapshot point, then restore to ready):");
        figures.forEach((name, line) -> System.out.println("  " + name + ": " + line));
        if (deployment != null) {
            deployment.close();
        }
    }

    // ---- the artifact --------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void samBuildLaysOutEveryFunctionAsSamDoesFromOneBuildOfTheCodeUri() throws IOException {
        SamBuild.Result build = deployment.build();
        Map<String, String> codeUris = SamBuild.functionCodeUris(SamBuild.template());
        assertThat(build.functions().keySet()).containsExactlyInAnyOrderElementsOf(codeUris.keySet());
        List<String> first = null;
        for (Map.Entry<String, Path> function : build.functions().entrySet()) {
            Path dir = function.getValue();
            String handlerClass = deployment.function(function.getKey()).handler().split("::")[0];
            // Classes at the artifact's root, the runtime jars in lib/ (groupId-prefixed), no test code.
            assertThat(dir.resolve(handlerClass.replace('.', '/') + ".class")).isRegularFile();
            assertThat(dir.resolve("leadtriage-model.yaml")).isRegularFile();
            List<String> files = files(dir);
            assertThat(files).filteredOn(f -> f.startsWith("lib/")).isNotEmpty()
                    .allMatch(f -> f.endsWith(".jar"))
                    .anyMatch(f -> f.startsWith("lib/software.amazon.awssdk.dynamodb-"))
                    .anyMatch(f -> f.startsWith("lib/org.crac.crac-"))
                    .noneMatch(f -> f.contains("junit") || f.contains("jackson-databind") || f.contains("assertj"));
            assertThat(files).noneMatch(f -> f.endsWith("Test.class"));
            if (first == null) {
                first = files;
            } else {
                assertThat(files).as("every function's artifact is the same build").isEqualTo(first);
            }
        }
    }

    @Test
    @Order(2)
    void theScratchBuildRanAndPassedTheTestsTheReactorsFunctionsModuleRan() {
        SamBuild.CodeBuild scratch = deployment.build().buildOf("functions");
        assertThat(scratch.tests().tests()).isPositive();
        assertThat(scratch.tests().passed()).as(scratch.tests().toString()).isTrue();
        Assumptions.assumeFalse(SamBuild.testsFiltered(), "this run filters tests (-Dtest): the reactor's functions module"
                + " did not run all of its tests, so there is nothing to compare the scratch build's " + scratch.tests() + " with");
        Map<String, SurefireCounts> reactor = SamBuild.reactorTests(deployment.build().projectRoot(), "functions");
        assertThat(scratch.testsByClass()).as("test classes and counts, sam build's scratch copy against the reactor")
                .isEqualTo(reactor);
    }

    // ---- the functions, in the order a lead meets them -------------------------------------------------------

    @Test
    @Order(10)
    void formFunctionTakesStepOneAndStepTwoThenAnotherLeadsDownload() throws Exception {
        try (LambdaContainer form = launch("FormFunction")) {
            ObjectNode step1 = envelope("form-get-started-json.json");
            Http first = http(form.invoke(bytes(step1), INVOKE_LIMIT));
            assertThat(first.status()).as(first.body()).isEqualTo(201);
            JsonNode answer = JSON.readTree(first.body());
            janeId = answer.path("leadId").asText();
            janeFormToken = answer.path("token").asText();
            assertThat(answer.path("next").path("action").asText()).isEqualTo("step2");
            LeadRecord stored = table.queries().findById(janeId).orElseThrow();
            assertThat(stored.lead().email()).isEqualTo("jane.roe@acme-analytics.io");
            assertThat(table.leads().findLeadIdByEmail("jane.roe@acme-analytics.io")).contains(janeId);

            // Step 2 in the same execution environment, with step 1's token: a decision maker with budget turns hot.
            int emailsBefore = deployment.emails().size();
            ObjectNode step2 = envelope("form-get-started-step2.json");
            step2.put("body", step2.path("body").asText().replace("PASTE_THE_TOKEN_FROM_STEP_1", janeFormToken));
            Http second = http(form.invoke(bytes(step2), INVOKE_LIMIT));
            assertThat(second.status()).as(second.body()).isEqualTo(201);
            LeadRecord hot = table.queries().findById(janeId).orElseThrow();
            assertThat(hot.qualification().tier()).isEqualTo(Tier.HOT);
            assertThat(hot.lead().answers().getOrEmpty("company")).isEqualTo("Acme Analytics");
            // The sales alert went out through SES v2 in that invocation, to the AlertRecipients parameter's list.
            List<StoredEmail> alerts = newEmails(emailsBefore);
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).to()).containsExactly("sales@example.com");
            assertThat(alerts.get(0).subject()).startsWith("Hot lead:");
            assertThat(table.messages().sentMessages(janeId)).extracting(SentMessage::messageId).contains(alerts.get(0).messageId());
            // Her lead events went with the alert, in that invocation, to the stack's bus (moto's PutEvents, reached
            // through AWS_ENDPOINT_URL_EVENTBRIDGE): none is left waiting in the outbox for the dispatcher.
            assertThat(table.outbox().pendingEvents(janeId)).as("Jane's lead events, published as she turned hot").isEmpty();

            // A third invocation: another visitor downloads the guide, consents, and joins nurture.
            Http download = http(form.invoke(bytes(envelope("form-ebook-json.json")), INVOKE_LIMIT));
            assertThat(download.status()).as(download.body()).isEqualTo(201);
            samId = JSON.readTree(download.body()).path("leadId").asText();
            LeadRecord sam = table.queries().findById(samId).orElseThrow();
            assertThat(sam.consent()).isNotNull();
            assertThat(sam.lead().signals()).anyMatch(s -> s.type() == SignalType.RESOURCE_DOWNLOAD);
            figure("FormFunction", form);
        }
    }

    @Test
    @Order(40)
    void surveyFunctionRecordsTheAnswersOfTheSurveyLink() throws Exception {
        try (LambdaContainer survey = launch("SurveyFunction")) {
            ObjectNode answer = envelope("survey-follow-up.json");
            answer.put("body", answer.path("body").asText().replace("PASTE_THE_TOKEN_OF_THE_SURVEY_LINK",
                    tokens.issue(TokenPurpose.SURVEY, samId, Duration.ofDays(30))));
            Http first = http(survey.invoke(bytes(answer), INVOKE_LIMIT));
            assertThat(first.status()).as(first.body()).isBetween(200, 303);
            LeadRecord sam = table.queries().findById(samId).orElseThrow();
            assertThat(sam.lead().answers().getOrEmpty("companySize")).isEqualTo("51-200");
            assertThat(table.queries().timeline(samId)).anyMatch(e -> e.kind().equals(TimelineEntry.SURVEY_ANSWERED));
            // The same submission again (a double click): answered alike, recorded once.
            long surveysBefore = table.queries().timeline(samId).stream().filter(e -> e.kind().equals(TimelineEntry.SURVEY_ANSWERED)).count();
            Http again = http(survey.invoke(bytes(answer), INVOKE_LIMIT));
            assertThat(again.status()).isEqualTo(first.status());
            assertThat(table.queries().timeline(samId).stream().filter(e -> e.kind().equals(TimelineEntry.SURVEY_ANSWERED)).count())
                    .isEqualTo(surveysBefore);
            figure("SurveyFunction", survey);
        }
    }

    @Test
    @Order(50)
    void eventsFunctionTakesThePageSnippetsBeaconAProductBackendsSignalAndACrmOutcome() throws Exception {
        try (LambdaContainer eventsFunction = launch("EventsFunction")) {
            ObjectNode beacon = envelope("events-pricing-page-view.json");
            beacon.put("body", beacon.path("body").asText().replace("PASTE_THE_TOKEN_FROM_STEP_1", janeFormToken));
            Http first = http(eventsFunction.invoke(bytes(beacon), INVOKE_LIMIT));
            assertThat(first.status()).as(first.body()).isEqualTo(202);
            assertThat(table.queries().findById(janeId).orElseThrow().lead().signals()).anyMatch(s -> s.type() == SignalType.PRICING_PAGE_VIEW);

            // The ingest key is the stack's IngestKeySecret, read by the function from Secrets Manager at init.
            ObjectNode backend = envelope("events-product-signal.json");
            ((ObjectNode) backend.path("headers")).put("authorization", "Bearer " + ingestKey);
            Http second = http(eventsFunction.invoke(bytes(backend), INVOKE_LIMIT));
            assertThat(second.status()).as(second.body()).isEqualTo(202);
            assertThat(table.queries().findById(samId).orElseThrow().lead().signals()).anyMatch(s -> s.type() == SignalType.TRIAL_STARTED);

            ((ObjectNode) backend.path("headers")).put("authorization", "Bearer not-the-ingest-key");
            assertThat(http(eventsFunction.invoke(bytes(backend), INVOKE_LIMIT)).status()).isEqualTo(403);

            // A CRM's won deal for the same lead, signed with the stack's CrmOutcomeSecret (read at init).
            ObjectNode outcome = envelope("crm-outcome-won.json");
            byte[] body = outcome.path("body").asText().getBytes(StandardCharsets.UTF_8);
            ((ObjectNode) outcome.path("headers")).put("x-leadtriage-signature",
                    RequestSignature.header(key("CrmOutcomeSecret"), Instant.now(), body));
            Http won = http(eventsFunction.invoke(bytes(outcome), INVOKE_LIMIT));
            assertThat(won.status()).as(won.body()).isEqualTo(200);
            assertThat(table.queries().findById(samId).orElseThrow().sales().wonAt()).isNotNull();
            ((ObjectNode) outcome.path("headers")).put("x-leadtriage-signature",
                    RequestSignature.header("not-the-crm-key", Instant.now(), body));
            assertThat(http(eventsFunction.invoke(bytes(outcome), INVOKE_LIMIT)).status()).isEqualTo(401);
            figure("EventsFunction", eventsFunction);
        }
    }

    @Test
    @Order(60)
    void dispositionFunctionShowsTheAlertsChoicesAndRecordsOne() throws Exception {
        StoredEmail alert = deployment.emails().stream().filter(e -> e.subject().startsWith("Hot lead:")).findFirst().orElseThrow();
        String token = firstMatch(DISPOSITION_LINK, (alert.text() == null ? "" : alert.text()) + " " + alert.html(),
                "the sales alert's disposition link");
        try (LambdaContainer disposition = launch("DispositionFunction")) {
            ObjectNode show = withToken(envelope("disposition-show.json"), token);
            Http page = http(disposition.invoke(bytes(show), INVOKE_LIMIT));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("value=\"accepted\"", "Wrong fit");
            assertThat(table.queries().findById(janeId).orElseThrow().sales().disposition()).isNull();

            Http recorded = http(disposition.invoke(bytes(withToken(envelope("disposition-accepted.json"), token)), INVOKE_LIMIT));
            assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
            assertThat(recorded.body()).contains("Recorded");
            assertThat(table.queries().findById(janeId).orElseThrow().sales().disposition()).isEqualTo("accepted");
            figure("DispositionFunction", disposition);
        }
    }

    @Test
    @Order(20)
    void dispatchFunctionSendsTheWelcomeEmailThatIsDueThenFindsNothingDue() throws Exception {
        try (LambdaContainer dispatch = launch("DispatchFunction")) {
            int emailsBefore = deployment.emails().size();
            RuntimeApiStandIn.Answer first = dispatch.invoke(bytes(scheduled("scheduler-dispatch.json", "DispatchFunction")), INVOKE_LIMIT);
            assertThat(first.isError()).as("%s", first.error()).isFalse();
            JsonNode report = JSON.readTree(first.text());
            assertThat(report.path("sent").asInt()).isEqualTo(1);
            List<StoredEmail> sent = newEmails(emailsBefore);
            assertThat(sent).hasSize(1);
            StoredEmail welcome = sent.get(0);
            assertThat(welcome.to()).containsExactly("sam.lee@northwind-traders.io");
            assertThat(welcome.headers()).anyMatch(h -> h.name().equals("List-Unsubscribe-Post")
                    && h.value().equals("List-Unsubscribe=One-Click"));
            assertThat(table.messages().sentMessages(samId)).extracting(SentMessage::messageId).contains(welcome.messageId());
            // Sam's lead.created waited for the dispatcher (Sam is not hot): it is on the stack's bus now.
            assertThat(table.outbox().pendingEvents(samId)).as("Sam's lead events, published by the dispatcher").isEmpty();

            RuntimeApiStandIn.Answer second = dispatch.invoke(bytes(scheduled("scheduler-dispatch.json", "DispatchFunction")), INVOKE_LIMIT);
            assertThat(JSON.readTree(second.text()).path("sent").asInt()).isZero();
            assertThat(deployment.emails()).hasSize(emailsBefore + 1);
            figure("DispatchFunction", dispatch);
        }
    }

    @Test
    @Order(30)
    void sesEventFunctionRecordsTheDeliveryAndAClickOfTheWelcomeEmail() throws Exception {
        SentMessage welcome = table.messages().sentMessages(samId).stream().filter(m -> m.kind().name().contains("NURTURE"))
                .findFirst().orElse(table.messages().sentMessages(samId).get(0));
        try (LambdaContainer sesEvents = launch("SesEventFunction")) {
            RuntimeApiStandIn.Answer delivered = sesEvents.invoke(bytes(sesEvent("ses-delivery.json", welcome)), INVOKE_LIMIT);
            assertThat(delivered.isError()).as("%s", delivered.error()).isFalse();
            assertThat(table.messages().sentMessages(samId).stream().filter(m -> m.sendId().equals(welcome.sendId())).findFirst()
                    .orElseThrow().deliveredAt()).isNotNull();

            RuntimeApiStandIn.Answer clicked = sesEvents.invoke(bytes(sesEvent("ses-click.json", welcome)), INVOKE_LIMIT);
            assertThat(clicked.isError()).as("%s", clicked.error()).isFalse();
            assertThat(table.messages().sentMessages(samId).stream().filter(m -> m.sendId().equals(welcome.sendId())).findFirst()
                    .orElseThrow().clicks()).isNotEmpty();
            assertThat(table.queries().timeline(samId)).anyMatch(e -> e.kind().equals(TimelineEntry.EMAIL_CLICK));
            figure("SesEventFunction", sesEvents);
        }
    }

    @Test
    @Order(70)
    void unsubscribeFunctionShowsItsPageThenTakesTheOneClickPost() throws Exception {
        StoredEmail welcome = deployment.emails().stream().filter(e -> e.to().contains("sam.lee@northwind-traders.io"))
                .findFirst().orElseThrow();
        String header = welcome.headers().stream().filter(h -> h.name().equals("List-Unsubscribe")).findFirst().orElseThrow().value();
        String token = firstMatch(UNSUBSCRIBE_LINK, header, "the welcome email's List-Unsubscribe header");
        try (LambdaContainer unsubscribe = launch("UnsubscribeFunction")) {
            Http page = http(unsubscribe.invoke(bytes(withToken(envelope("unsubscribe-show.json"), token)), INVOKE_LIMIT));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(table.queries().findById(samId).orElseThrow().contact().unsubscribedAt()).as("a GET changes nothing").isNull();

            Http done = http(unsubscribe.invoke(bytes(withToken(envelope("unsubscribe-one-click.json"), token)), INVOKE_LIMIT));
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(table.queries().findById(samId).orElseThrow().contact().unsubscribedAt()).isNotNull();
            assertThat(table.queries().timeline(samId)).anyMatch(e -> e.kind().equals(TimelineEntry.UNSUBSCRIBED));
            figure("UnsubscribeFunction", unsubscribe);
        }
    }

    @Test
    @Order(80)
    void reviewTiersFunctionRunsItsPass() throws Exception {
        try (LambdaContainer review = launch("ReviewTiersFunction")) {
            long items = deployment.items();
            RuntimeApiStandIn.Answer first = review.invoke(bytes(scheduled("scheduler-review-tiers.json", "ReviewTiersFunction")), INVOKE_LIMIT);
            assertThat(first.isError()).as("%s", first.error()).isFalse();
            assertThat(JSON.readTree(first.text()).path("reviewed").asInt()).isZero();
            RuntimeApiStandIn.Answer second = review.invoke(bytes(scheduled("scheduler-review-tiers.json", "ReviewTiersFunction")), INVOKE_LIMIT);
            assertThat(JSON.readTree(second.text()).path("reviewed").asInt()).isZero();
            assertThat(deployment.items()).as("no lead's points faded today: nothing to write").isEqualTo(items);
            figure("ReviewTiersFunction", review);
        }
    }

    @Test
    @Order(90)
    void adminFunctionListsTheLeadsAndShowsOne() throws Exception {
        try (LambdaContainer admin = launch("AdminFunction")) {
            Http list = http(admin.invoke(bytes(envelope("admin-list-leads.json")), INVOKE_LIMIT));
            assertThat(list.status()).as(list.body()).isEqualTo(200);
            String listed = list.body();
            assertThat(listed).contains(janeId, samId);

            ObjectNode view = envelope("admin-view-lead.json");
            String text = JSON.writeValueAsString(view).replace("PASTE_A_LEAD_ID", janeId);
            Http lead = http(admin.invoke(text.getBytes(StandardCharsets.UTF_8), INVOKE_LIMIT));
            assertThat(lead.status()).as(lead.body()).isEqualTo(200);
            assertThat(JSON.readTree(lead.body()).toString()).contains(janeId, "accepted");
            figure("AdminFunction", admin);
        }
    }

    /**
     * The console as deployed: no AWS client, no table, no priming of the lead path; its assets read at init, so the
     * snapshot holds them. The page, and the sign-in settings from the stage variables API Gateway sends.
     */
    @Test
    @Order(95)
    void consoleFunctionServesItsPageAndTheStagesSignInSettings() throws Exception {
        try (LambdaContainer console = deployment.container("ConsoleFunction").start()) {
            console.awaitCheckpoint(START_LIMIT);
            console.restore();
            console.awaitReady(START_LIMIT);
            rehearsed.add("ConsoleFunction");
            Http page = http(console.invoke(bytes(envelope("console-page.json")), INVOKE_LIMIT));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("<title>leadtriage console</title>");
            assertThat(page.gzipped()).as("the browser's envelope takes gzip: HTTP APIs pass the packed body on").isTrue();
            assertThat(page.headers().path("Content-Security-Policy").asText()).contains("script-src 'self'",
                    "https://leadtriage-1c2fa620-982a-11e3-aff7-50e2416294e0.auth.eu-west-1.amazoncognito.com");

            ObjectNode settings = envelope("console-page.json");
            settings.put("rawPath", "/console/config.json").put("routeKey", "GET /console/{asset}");
            Http config = http(console.invoke(bytes(settings), INVOKE_LIMIT));
            assertThat(config.status()).isEqualTo(200);
            assertThat(JSON.readTree(config.body()).path("userPoolId").asText()).isEqualTo("eu-west-1_AbCdEf123");
            assertThat(JSON.readTree(config.body()).path("auth").asText()).isEqualTo("cognito");
            figure("ConsoleFunction", console);
        }
    }

    // ---- failing loudly ---------------------------------------------------------------------------------------

    @Test
    @Order(100)
    void whenTheCredentialsEndpointRefusesAFunctionThatReadsSecretsFailsItsInit() {
        try (ContainerCredentialsStandIn refusing = ContainerCredentialsStandIn.start()) {
            refusing.refuse();
            try (LambdaContainer form = deployment.container("FormFunction").credentials(refusing).start()) {
                RuntimeApiStandIn.ReportedError error = form.awaitInitError(START_LIMIT);
                assertThat(error.endpoint()).isEqualTo("init/error");
                assertThat(error.errorMessage()).contains("Secrets Manager");
                assertThat(form.awaitExit(START_LIMIT)).isNotZero();
                assertThat(refusing.refused()).isPositive();
                assertThat(form.logs()).contains("Secrets Manager");
            }
        }
    }

    @Test
    @Order(101)
    void whenTheCredentialsEndpointRefusesAFunctionWithoutSecretsItStartsAndItsPassFailsSayingWhy() throws IOException {
        // ReviewTiersFunction reads no secret at init: it starts (its model check and priming log their failures and
        // go on), and its pass finds the store unavailable: the adapters hand the SDK's error up as
        // StorageUnavailableException, and the invocation fails naming the SDK's reason (the schedule tries again).
        // The HTTP functions answer the same exception 503 with Retry-After (FaultInjectionTest).
        try (ContainerCredentialsStandIn refusing = ContainerCredentialsStandIn.start()) {
            refusing.refuse();
            try (LambdaContainer review = deployment.container("ReviewTiersFunction").credentials(refusing).start()) {
                review.startAsLambdaWould(START_LIMIT);
                RuntimeApiStandIn.Answer answer = review.invoke(
                        bytes(scheduled("scheduler-review-tiers.json", "ReviewTiersFunction")), INVOKE_LIMIT);
                assertThat(answer.isError()).isTrue();
                assertThat(String.valueOf(answer.error())).contains("StorageUnavailableException", "Unable to load credentials");
                assertThat(refusing.refused()).isPositive();
            }
        }
    }

    @Test
    @Order(102)
    void withoutLambdasOrgCracRoutingTheFormFunctionWouldBeSnapshottedUnprimed() {
        // The control for launch()'s "priming ran" check: the same function, the same checkpoint, without
        // -Dorg.crac.Core.Compat: the RIC's beforeCheckpoint has nothing registered, the form parser is not loaded.
        try (LambdaContainer form = deployment.container("FormFunction").withoutLambdasCracRouting().logClassLoading().start()) {
            form.awaitCheckpoint(START_LIMIT);
            assertThat(form.loadedClasses()).contains("io.leadtriage.handlers.Priming").doesNotContain(PRIMING_ONLY_CLASS);
        }
    }

    @Test
    @Order(200)
    void everyFunctionOfTheTemplateWasRehearsed() {
        assertThat(rehearsed).containsExactlyInAnyOrderElementsOf(deployment.stack().functions().keySet());
    }

    /**
     * Each function reached DynamoDB through its role's permissions (RehearsalStack's DynamoDbAuthorizer): a call the
     * template's policies do not allow would have failed as AccessDeniedException, and is named here.
     */
    @Test
    @Order(201)
    void everyDynamoDbCallWasAllowedByTheFunctionsRole() {
        System.out.println("deployment rehearsal, DynamoDB actions each function used (all allowed by its role):");
        deployment.dynamoDbCalls().forEach((function, calls) -> System.out.println("  " + function + ": " + calls));
        assertThat(deployment.accessDenied()).as("DynamoDB calls a function's role does not allow: grant them in"
                + " template.yaml's policies (and TemplateTransformTest.DATA_ACCESS_OF)").isEmpty();
        // The console reads no table: every other function rehearsed made its calls through its role.
        assertThat(deployment.dynamoDbCalls().keySet()).as("functions whose calls went through their authorizer")
                .containsAll(rehearsed.stream().filter(f -> !f.equals("ConsoleFunction")).toList());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /**
     * An execution environment of the function as deployed, through SnapStart's lifecycle: at the snapshot point
     * (init and priming done) and after the restore, nothing may have been written to the tables or sent.
     */
    LambdaContainer launch(String function) {
        long items = deployment.items();
        int emails = deployment.emails().size();
        LambdaContainer container = deployment.container(function).logClassLoading().start();
        try {
            assertThat(deployment.function(function).snapStart()).as(function + " has SnapStart").isTrue();
            container.awaitCheckpoint(START_LIMIT);
            // Priming ran, from the RIC's checkpoint through org.crac: it parsed a made-up form body, which nothing
            // of a function's init does; and it ran to its end (it logs what stopped it).
            assertThat(container.loadedClasses()).as(function + ": priming ran before the snapshot")
                    .contains("io.leadtriage.handlers.Priming", PRIMING_ONLY_CLASS);
            assertThat(container.logs()).as(function + ": priming completed").doesNotContain("priming incomplete");
            assertThat(deployment.items()).as(function + ": priming wrote nothing").isEqualTo(items);
            assertThat(deployment.emails()).as(function + ": priming sent nothing").hasSize(emails);
            container.restore();
            container.awaitReady(START_LIMIT);
            assertThat(deployment.items()).as(function + ": afterRestore wrote nothing").isEqualTo(items);
            rehearsed.add(function);
            return container;
        } catch (RuntimeException | AssertionError e) {
            container.close();
            throw e;
        }
    }

    void figure(String function, LambdaContainer container) {
        figures.put(function, container.timeline().summary());
    }

    String key(String secretLogicalId) {
        try {
            return JSON.readTree(deployment.stack().secret(secretLogicalId).secretString()).path("key").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode envelope(String file) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(events.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read events/" + file, e);
        }
    }

    /**
     * The default notification EventBridge Scheduler sends a schedule's target when the schedule has no Input
     * (the template's ScheduleV2 events have none), for this stack's schedule of the function.
     */
    ObjectNode scheduled(String file, String function) {
        ObjectNode event = envelope(file);
        SimulatedStack stack = deployment.stack();
        String alias = stack.resources("AWS::Lambda::Alias").values().stream()
                .filter(a -> a.properties().path("FunctionName").asText().equals(deployment.function(function).functionName()))
                .map(SimulatedStack.Resource::ref).findFirst().orElseThrow();
        String schedule = stack.resources("AWS::Scheduler::Schedule").values().stream()
                .filter(s -> s.properties().path("Target").path("Arn").asText().equals(alias))
                .map(s -> s.attributes().get("Arn")).findFirst()
                .orElseThrow(() -> new AssertionError("the stack has no schedule invoking " + function));
        event.put("region", stack.settings().region());
        event.put("account", stack.settings().accountId());
        event.putArray("resources").add(schedule);
        return event;
    }

    /** An SES event of the stack's configuration set about a message the functions sent. */
    ObjectNode sesEvent(String file, SentMessage message) {
        ObjectNode event = envelope(file);
        event.put("id", java.util.UUID.randomUUID().toString());
        String configurationSet = deployment.stack().ref("EmailConfigurationSet");
        event.putArray("resources").add("arn:aws:ses:" + deployment.stack().settings().region() + ":"
                + deployment.stack().settings().accountId() + ":configuration-set/" + configurationSet);
        ObjectNode mail = (ObjectNode) event.path("detail").path("mail");
        mail.put("messageId", message.messageId());
        mail.putArray("destination").add("sam.lee@northwind-traders.io");
        ObjectNode tags = (ObjectNode) mail.path("tags");
        tags.putArray("leadId").add(message.leadId());
        tags.putArray("sendId").add(message.sendId());
        tags.putArray("ses:configuration-set").add(configurationSet);
        return event;
    }

    static ObjectNode withToken(ObjectNode event, String token) {
        String text = event.toString().replaceAll("PASTE_THE_TOKEN_OF_THE_[A-Z_]+_LINK", Matcher.quoteReplacement(token));
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String firstMatch(Pattern pattern, String text, String what) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s has a link %s", what, pattern).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    List<StoredEmail> newEmails(int before) {
        List<StoredEmail> all = deployment.emails();
        return all.subList(before, all.size());
    }

    static byte[] bytes(JsonNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An HTTP API answer as the function wrote it: API Gateway's payload format 2.0 response. */
    /** An HTTP API answer as the browser reads it: a gzipped body unpacked, {@code gzipped} saying it came so. */
    record Http(int status, JsonNode headers, String body, boolean gzipped) {
    }

    static Http http(RuntimeApiStandIn.Answer answer) throws IOException {
        assertThat(answer.isError()).as("the function failed the invocation: %s", answer.error()).isFalse();
        JsonNode response = JSON.readTree(answer.text());
        String body = response.path("body").asText("");
        boolean gzipped = "gzip".equals(response.path("headers").path("Content-Encoding").asText());
        if (response.path("isBase64Encoded").asBoolean()) {
            byte[] bytes = Base64.getDecoder().decode(body);
            if (gzipped) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = in.readAllBytes();
                }
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        return new Http(response.path("statusCode").asInt(), response.path("headers"), body, gzipped);
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
