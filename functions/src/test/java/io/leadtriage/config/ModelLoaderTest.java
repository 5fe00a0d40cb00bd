package io.leadtriage.config;

import io.leadtriage.TestModels;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.model.QualificationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ModelLoaderTest {

    /**
     * The file marketers edit (functions/model/leadtriage-model.yaml) is valid, whatever they tuned in it: the only
     * test of the shipped file. Every other test reads the frozen copy of it (TestModels), so an edit of points,
     * tiers or templates changes no test result.
     */
    @Test
    void theShippedModelIsValid() {
        assertThatCode(ModelLoader::loadDefault).doesNotThrowAnyException();
    }

    @Test
    void theDefaultModelHasEverythingPromised() {
        QualificationModel m = TestModels.defaultModel();

        assertThat(m.forms()).containsKeys("newsletter", "ebook", "webinar", "demo", "contact-sales", "trial",
                "get-started");
        assertThat(m.forms().get("get-started").twoStep()).isTrue();
        assertThat(m.forms().get("demo").signal()).isEqualTo(SignalType.DEMO_REQUEST);
        assertThat(m.surveys()).containsKey("follow-up");
        assertThat(m.behaviour().halfLife()).isEqualTo(Duration.ofDays(30));
        assertThat(m.alerts().acceptWithin()).isEqualTo(Duration.ofMinutes(15));
        assertThat(m.nurture().sequences()).extracting(s -> s.id()).contains("warm", "cold");
        assertThat(m.behaviour().rules()).extracting(r -> r.id()).contains("pricing-page-view");
        assertThat(m.templates()).containsKeys("survey-invite", "finish-your-request");
    }

    static Stream<Arguments> brokenModels() {
        return Stream.of(
                arguments("an unknown key",
                        "    points: 10\n    reason: industry in the ideal customer profile",
                        "    points: 10\n    pointz: 3\n    reason: industry in the ideal customer profile",
                        "unknown key 'pointz' in fit[icp-industry]; expected one of: id, points, reason, when"),
                arguments("a wrong type",
                        "    points: 15\n    reason: decision maker", "    points: fifteen\n    reason: decision maker",
                        "fit[role-decision-maker].points: expected a whole number"),
                arguments("a fraction where a whole number goes",
                        "    points: 15\n    reason: decision maker", "    points: 15.5\n    reason: decision maker",
                        "fit[role-decision-maker].points: '15.5' is not a whole number"),
                arguments("a tier gap",
                        "warm: { min: 20, max: 49 }", "warm: { min: 20, max: 45 }",
                        "tiers: gap between warm (max 45) and hot (min 50): scores 46–49 would have no tier"),
                arguments("overlapping tiers",
                        "cold: { max: 19 }", "cold: { max: 25 }",
                        "tiers: cold (max 25) overlaps warm (min 20)"),
                arguments("a missing template",
                        "- { after: P3D, template: customer-story }", "- { after: P3D, template: customer-stroy }",
                        "nurture.sequences[warm].steps[1].template: no template named 'customer-stroy' under templates"),
                arguments("an unknown list",
                        "inList: freeMailDomains }", "inList: freemail }",
                        "fit[free-mail].when.inList: no list named 'freemail' under lists"),
                arguments("a value the field cannot take",
                        "when: { field: budget, in: [approved] }", "when: { field: budget, in: [aproved] }",
                        "fit[budget-approved].when: 'aproved' is not a value of budget (one of: approved, planned, exploring, none)"),
                arguments("an unknown field",
                        "when: { field: timeline, in: [now] }", "when: { field: timeframe, in: [now] }",
                        "fit[timeline-now].when.field: 'timeframe' is not a field rules can read"),
                arguments("an unknown signal",
                        "- signal: demo_request", "- signal: demo_requested",
                        "behaviour.rules[demo-requested].signal: 'demo_requested' is not one of: page_view, pricing_page_view"),
                arguments("a bad duration",
                        "halfLife: P30D", "halfLife: 30 days",
                        "behaviour.halfLife: '30 days' is not an ISO-8601 duration"),
                arguments("a month duration",
                        "halfLife: P30D", "halfLife: P1M",
                        "months and years are not allowed"),
                arguments("a duplicate key",
                        "  hot:  { min: 50 }", "  hot:  { min: 50 }\n  hot:  { min: 60 }",
                        "the key 'hot' appears twice"),
                arguments("a bare boolean where text goes",
                        "  routes: []", "  routes:\n    - id: nordics\n      when: [{ field: country, in: [NO, SE] }]\n      to: [nordics@example.com]",
                        "alerts.routes[nordics].when[0].in[0]: a bare yes/no/on/off/true/false is read as true or false; put the value in quotes"),
                arguments("a list where one value goes",
                        "maxPerDay: 1 ", "maxPerDay: [1] ",
                        "nurture.maxPerDay: expected a whole number"),
                arguments("a YAML syntax error",
                        "tiers:\n  hot:  { min: 50 }", "tiers:\n  hot:  { min: 50 ",
                        "while parsing a flow mapping: expected ',' or '}'"),
                arguments("hot leads in a nurture audience",
                        "audience: { tiers: [cold] }", "audience: { tiers: [cold, hot] }",
                        "nurture.sequences[cold].audience.tiers: hot leads are not nurtured"),
                arguments("a form without email",
                        "    signal: newsletter_signup\n    required: [email]", "    signal: newsletter_signup\n    required: [name]",
                        "forms.newsletter.required: must include email"),
                arguments("a missing reason",
                        "    reason: decision maker\n", "\n",
                        "fit[role-decision-maker].reason: is missing"),
                arguments("a duplicate rule id",
                        "  - id: role-influencer", "  - id: role-decision-maker",
                        "fit[5].id: 'role-decision-maker' names another rule too"),
                arguments("a template that is not valid Mustache",
                        "<p>Hi {{#firstName}}{{firstName}}{{/firstName}}{{^firstName}}there{{/firstName}},</p>\n      <p>Thanks for your interest.",
                        "<p>Hi {{#firstName}}{{firstName}}{{^firstName}}there{{/firstName}},</p>\n      <p>Thanks for your interest.",
                        "templates.welcome.html:"),
                arguments("a template that would not escape the lead's input",
                        "<p>Hi {{#firstName}}{{firstName}}{{/firstName}}{{^firstName}}there{{/firstName}},</p>\n      <p>Thanks for your interest.",
                        "<p>Hi {{{firstName}}},</p>\n      <p>Thanks for your interest.",
                        "templates.welcome.html:"),
                arguments("a bad recipient",
                        "defaultTo: []", "defaultTo: [sales-at-example.com]",
                        "alerts.defaultTo: 'sales-at-example.com' is not an email address"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenModels")
    void aBrokenModelIsAClearErrorNamingThePlace(String what, String original, String broken, String message) {
        String yaml = TestModels.editedText(original, broken);

        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("model.yaml is not a valid qualification model:")
                .hasMessageContaining(message)
                .hasMessageNotContaining("Exception")
                .hasMessageNotContaining("io.leadtriage");
    }

    @Test
    void parseErrorsCarryTheLineNumber() {
        String yaml = TestModels.editedText("    points: 15\n    reason: decision maker",
                "    points: fifteen\n    reason: decision maker");
        int line = (int) yaml.substring(0, yaml.indexOf("points: fifteen")).lines().count();

        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .hasMessageContaining("line " + line + ", column");
    }

    /** The README's example: three kinds of mistakes in one file, reported at once, in the file's order, with lines. */
    @Test
    void everyKindOfMistakeIsReportedAtOnceInTheFilesOrder() {
        String yaml = TestModels.withThreeMistakes();

        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems()).containsExactly(
                        "line " + lineOf(yaml, "max: 45") + ", column 20: tiers: gap between warm (max 45) and hot (min 50):"
                                + " scores 46–49 would have no tier",
                        "line " + lineOf(yaml, "points: lots") + ", column 13: fit[timeline-now].points: expected a whole number",
                        "line " + lineOf(yaml, "template: customer-stroy") + ", column 25: nurture.sequences[warm].steps[1].template:"
                                + " no template named 'customer-stroy' under templates"));
    }

    /** A form shows each problem at its field: the path and a stable code come apart from the sentence. */
    @Test
    void eachProblemCarriesItsPathAndCodeApart() {
        String yaml = TestModels.withThreeMistakes();

        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.details())
                        .extracting(ModelProblem::path, ModelProblem::code, ModelProblem::line)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("tiers", "invalid_value", lineOf(yaml, "max: 45")),
                                org.assertj.core.groups.Tuple.tuple("fit[timeline-now].points", "wrong_type", lineOf(yaml, "points: lots")),
                                org.assertj.core.groups.Tuple.tuple("nurture.sequences[warm].steps[1].template", "invalid_value",
                                        lineOf(yaml, "template: customer-stroy"))));
        assertThatThrownBy(() -> ModelLoader.load("tiers: [", "model.yaml")).isInstanceOfSatisfying(ModelException.class,
                e -> assertThat(e.details()).extracting(ModelProblem::code).containsExactly("yaml_syntax"));
        assertThatThrownBy(() -> ModelLoader.load(TestModels.editedText("    reason: wants to start now", "    reason: \"\""),
                "model.yaml")).isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.details())
                .extracting(ModelProblem::path, ModelProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fit[timeline-now].reason", "missing")));
    }

    @Test
    void aTemplateErrorNamesTheModelFilesLine() {
        String yaml = TestModels.editedText("      teams like {{#company}}{{company}}{{/company}}{{^company}}yours{{/company}} qualify leads faster.</p>",
                "      teams like {{#company}}{{company}}{{^company}}yours{{/company}} qualify leads faster.</p>");

        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems()).containsExactly(
                        "line " + lineOf(yaml, "{{company}}{{^company}}") + ": templates.welcome.html: Section missing close tag 'company'"));
    }

    @Test
    void aMistakeTheBinderReportedIsNotReportedAgainAsMissing() {
        String yaml = TestModels.editedText("    points: 15\n    reason: budget approved", "    points: [15]\n    reason: budget approved");

        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .endsWith("fit[budget-approved].points: expected a whole number"));
    }

    /** The 1-based line of the first line of the text holding the piece. */
    static int lineOf(String text, String piece) {
        int at = text.indexOf(piece);
        assertThat(at).as("the text holds '%s'", piece).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    static Stream<Arguments> sourceMistakes() {
        String demo = "    - signal: demo_request\n      points: 30\n";
        String click = "    - signal: email_click\n      points: 10\n";
        String view = "    - signal: page_view\n      points: 5\n";
        String quote = "    - signal: quote_request\n      points: 30\n";
        return Stream.of(
                arguments("an unknown source", demo, demo + "      sources: [form, website]\n", "sources: [form, website]",
                        "behaviour.rules[demo-request].sources[1]: 'website' is not one of: page, form, email, backend"),
                arguments("a click from a page", click, click + "      sources: [email, page]\n", "sources: [email, page]",
                        "behaviour.rules[email-click].sources: a page can never send email_click: clicks come only from"
                                + " SES events (source email)"),
                arguments("a page view from email", view, view + "      sources: [page, email]\n", "sources: [page, email]",
                        "behaviour.rules[page-view].sources: email sends only email_click (SES click events), never page_view"),
                arguments("no source at all", quote, quote + "      sources: []\n", "sources: []",
                        "behaviour.rules[quote-request].sources: accepts no source, so the rule could never count; name at"
                                + " least one of: page, form, email, backend (or remove the rule)"),
                arguments("a form's signal its rule does not accept from a form", demo, demo + "      sources: [backend]\n",
                        "signal: demo_request\n    required", "forms.demo.signal: demo_request is not accepted from a form: add"
                                + " form to the sources of the behaviour rules for demo_request"),
                arguments("a form reporting clicks", "    signal: newsletter_signup", "    signal: email_click",
                        "signal: email_click\n    required", "forms.newsletter.signal: a form can never send email_click: clicks come only"
                                + " from SES events"),
                arguments("an unknown low-trust source", "halfLife: P30D", "halfLife: P30D\n  lowTrustSources: [pages]",
                        "lowTrustSources: [pages]",
                        "behaviour.lowTrustSources[0]: 'pages' is not one of: page, form, email, backend"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sourceMistakes")
    void sourcesAreCheckedLikeTheRestOfTheModelWithLineAndRule(String what, String original, String edited,
                                                               String onLine, String message) {
        String yaml = TestModels.editedText(original, edited);

        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("line " + lineOf(yaml, onLine) + ", column ").endsWith(message));
    }

    static Stream<Arguments> pageCategoryMistakes() {
        String view = "    - signal: page_view\n      points: 5\n";
        String demo = "    - signal: demo_request\n      points: 30\n";
        return Stream.of(
                arguments("a category on another signal", demo, demo + "      category: careers\n", "category: careers",
                        "behaviour.rules[careers-demo-request].category: only a page_view rule has a category (pages say"
                                + " theirs with data-leadtriage-page)"),
                arguments("a category that is no slug", view, view + "      category: Careers Pages\n", "category: Careers",
                        "behaviour.rules[page-view].category: 'Careers Pages' must be lower-case letters, digits and dashes"),
                arguments("pricing as a category", view, view + "      id: pricing-pages\n      category: pricing\n",
                        "category: pricing", "behaviour.rules[pricing-pages].category: pricing pages send pricing_page_view: score them"
                                + " with a pricing_page_view rule"),
                arguments("a category named twice", "      reason: viewed a page\n", "      reason: viewed a page\n"
                                + "    - { id: jobs, signal: page_view, category: careers, points: -5, reason: jobs }\n"
                                + "    - { id: jobs-again, signal: page_view, category: careers, points: -5, reason: jobs }\n",
                        "id: jobs-again", "behaviour.rules[jobs-again].category: 'careers' is the category of another"
                                + " page_view rule too"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pageCategoryMistakes")
    void aPageCategoryIsCheckedWithItsLineAndRule(String what, String original, String edited, String onLine,
                                                  String message) {
        String yaml = TestModels.editedText(original, edited);

        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("line " + lineOf(yaml, onLine) + ", column ").endsWith(message));
    }

    @org.junit.jupiter.api.Test
    void aPageCategoryRulesDefaultIdNamesItsCategory() {
        assertThat(ModelLoader.load(TestModels.withPageCategories(), "model.yaml").behaviour().rules())
                .extracting(r -> r.id()).contains("page-view", "careers-page-view", "support-page-view", "docs-page-view");
    }

    static Stream<Arguments> questionMistakes() {
        String seats = "  - id: seats\n    label: How many people would use leadtriage?\n    type: number\n";
        String tool = "    type: choice\n    options: [spreadsheets, crm, marketing-automation, not-at-all]\n";
        return Stream.of(
                arguments("a built-in field's name", seats, seats.replace("id: seats", "id: budget"), "id: budget",
                        "questions[budget].id: 'budget' is a built-in field: give the question a name of its own"),
                arguments("an id that is no field name", seats, seats.replace("id: seats", "id: seat-count"), "id: seat-count",
                        "questions[seat-count].id: 'seat-count' is not a field name: a letter, then letters and digits"
                                + " (like seatCount), at most 40"),
                arguments("an unknown type", seats, seats.replace("type: number", "type: integer"), "type: integer",
                        "questions[seats].type: 'integer' is not one of: choice, number, yes_no, text"),
                arguments("a choice without options", tool, "    type: choice\n", "id: currentTool",
                        "questions[currentTool].options: a choice needs at least two options, like [spreadsheets, crm, nothing]"),
                arguments("an option twice", tool, tool.replace("crm,", "crm, CRM,"), "options: [spreadsheets",
                        "questions[currentTool].options: 'CRM' is given twice"),
                arguments("options on a number", seats, seats + "    options: [a, b]\n", "options: [a, b]",
                        "questions[seats].options: only a choice question has options"),
                arguments("min above max", "    min: 1\n", "    min: 200000\n", "min: 200000",
                        "questions[seats].min: min 200000 is above max 100000"),
                arguments("a rule on a question that is not there", "when: { field: seats, atLeast: 10 }",
                        "when: { field: seatz, atLeast: 10 }", "field: seatz", "fit[seats-team].when.field: 'seatz' is not"
                                + " a field rules can read"),
                arguments("a range on a choice", "when: { field: currentTool, in: [spreadsheets, not-at-all] }",
                        "when: { field: currentTool, atLeast: 3 }", "field: currentTool, atLeast",
                        "fit[qualifies-by-hand].when: atLeast and atMost test a number question's answer; 'currentTool' is not one"),
                arguments("a value no option has", "in: [spreadsheets, not-at-all]", "in: [spreadsheets, excel]",
                        "in: [spreadsheets, excel]", "fit[qualifies-by-hand].when: 'excel' is not a value of currentTool (one of:"
                                + " spreadsheets, crm, marketing-automation, not-at-all)"),
                arguments("a pool asking email", "        - { field: phone, priority: 10 }",
                        "        - { field: email, priority: 10 }", "field: email, priority",
                        "forms.get-started.step2Pool.questions[8].field: email is never asked again: the lead is known by it"),
                arguments("a pool asking what is no question", "        - { field: phone, priority: 10 }",
                        "        - { field: seatz, priority: 10 }", "field: seatz, priority",
                        "forms.get-started.step2Pool.questions[8].field: 'seatz' is neither a built-in field nor a question"
                                + " under questions"),
                arguments("a pool asking at most none", "      askAtMost: 5", "      askAtMost: 0", "askAtMost: 0",
                        "surveys.follow-up.pool.askAtMost: must be 1 or more"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("questionMistakes")
    void aQuestionAndItsUsesAreCheckedWithTheirLine(String what, String original, String edited, String onLine,
                                                    String message) {
        String yaml = TestModels.withQuestions().replace(original, edited);
        assertThat(yaml).as("the edit applies").isNotEqualTo(TestModels.withQuestions());

        // A question renamed also leaves the rules and pools that name it unresolved: each of those is reported too
        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems()).first().asString()
                        .startsWith("line " + lineOf(yaml, onLine) + ", column ").contains(message));
    }

    @org.junit.jupiter.api.Test
    void theModelWithQuestionsIsValid() {
        assertThat(ModelLoader.load(TestModels.withQuestions(), "model.yaml").questions())
                .extracting(q -> q.id() + " " + q.type()).containsExactly("seats number", "currentTool choice",
                        "salesTeam yes_no", "nextStep text");
    }

    static Stream<Arguments> chatWebhookMistakes() {
        return Stream.of(
                arguments("a webhook URL in the model", "slack: https://hooks.slack.com/services/T0/B0/x",
                        "alerts.routes[everyone].slack: names a webhook of the chat webhooks secret; a URL does not belong in the model"),
                arguments("a name with spaces", "teams: Sales Team",
                        "alerts.routes[everyone].teams: 'Sales Team' is not a webhook name (lower-case letters, digits, - and _)"));
    }

    /** A chat destination is a name of the secret, never its URL: the model is edited by marketers and served by the API. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("chatWebhookMistakes")
    void aRoutesChatWebhookIsANameCheckedWithItsLine(String what, String line, String message) {
        String yaml = TestModels.editedText("  routes: []\n", """
                  routes:
                    - id: everyone
                      when: []
                      to: [reps@yourcompany.com]
                """ + "      " + line + "\n");

        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("line " + lineOf(yaml, line) + ", column ").endsWith(message));
    }

    @Test
    void aRouteNamesItsSlackAndTeamsWebhooks() {
        QualificationModel m = ModelLoader.load(TestModels.editedText("  routes: []\n", """
                  routes:
                    - id: everyone
                      when: []
                      to: [reps@yourcompany.com]
                      slack: sales-team
                      teams: sales_emea
                """), "model.yaml");

        assertThat(m.alerts().routes().get(0).chat()).containsExactly("slack:sales-team", "teams:sales_emea");
    }

    @Test
    void aModelWithoutSourcesAcceptsWhatItDidBeforeSourcesWereInTheModel() {
        QualificationModel m = TestModels.defaultModel();

        assertThat(m.behaviour().lowTrustSources()).containsExactly(SignalSource.PAGE);
        assertThat(m.behaviour().acceptedSources(SignalType.PAGE_VIEW)).containsExactlyInAnyOrder(SignalSource.PAGE,
                SignalSource.FORM, SignalSource.BACKEND);
        assertThat(m.behaviour().acceptedSources(SignalType.RESOURCE_DOWNLOAD)).containsExactlyInAnyOrder(
                SignalSource.PAGE, SignalSource.FORM, SignalSource.BACKEND);
        assertThat(m.behaviour().acceptedSources(SignalType.DEMO_REQUEST)).containsExactlyInAnyOrder(SignalSource.FORM,
                SignalSource.BACKEND);
        assertThat(m.behaviour().acceptedSources(SignalType.EMAIL_CLICK)).containsExactly(SignalSource.EMAIL);
        assertThat(TestModels.edited("halfLife: P30D", "halfLife: P30D\n  lowTrustSources: []").behaviour()
                .lowTrustSources()).as("[] turns it off").isEmpty();
    }

    @Test
    void theShippedModelSaysWhichSignalsNeedWhichSource() {
        QualificationModel m = ModelLoader.loadDefault();

        assertThat(m.behaviour().rules()).allSatisfy(r -> assertThat(r.sources()).as(r.id()).isNotNull());
        assertThat(m.behaviour().lowTrustSources()).containsExactly(SignalSource.PAGE);
        for (SignalType intent : List.of(SignalType.DEMO_REQUEST, SignalType.CONTACT_SALES, SignalType.QUOTE_REQUEST,
                SignalType.TRIAL_STARTED, SignalType.USAGE_LIMIT_REACHED, SignalType.TEAMMATE_INVITED,
                SignalType.NEWSLETTER_SIGNUP, SignalType.WEBINAR_REGISTRATION)) {
            assertThat(m.behaviour().acceptedSources(intent)).as(intent.wireName()).doesNotContain(SignalSource.PAGE);
        }
        assertThat(m.behaviour().rules()).filteredOn(r -> r.signal() == SignalType.PRICING_PAGE_VIEW).singleElement()
                .satisfies(r -> assertThat(r.oncePer()).as("at most once a day").isGreaterThanOrEqualTo(Duration.ofDays(1)));
    }

    @Test
    void anEmptyFileIsAnError() {
        assertThatThrownBy(() -> ModelLoader.load("", "model.yaml")).isInstanceOf(ModelException.class)
                .hasMessageContaining("the file is empty");
    }

    @Test
    void weeksAreAccepted() {
        QualificationModel m = TestModels.edited("halfLife: P30D", "halfLife: P4W");
        assertThat(m.behaviour().halfLife()).isEqualTo(Duration.ofDays(28));
    }

    @Test
    void everyMistakeInTheFileShapeIsReportedAtOnceWithItsLine() {
        String yaml = TestModels.defaultText()
                .replace("    points: 15\n    reason: decision maker", "    points: fifteen\n    reason: decision maker")
                .replace("halfLife: P30D", "halfLife: 30 days\n  halfLive: P30D");

        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).matches("line \\d+, column \\d+: fit\\[role-decision-maker]\\.points: expected a whole number"),
                        p -> assertThat(p).matches("line \\d+, column \\d+: behaviour\\.halfLife: '30 days' is not .*"),
                        p -> assertThat(p).matches("line \\d+, column \\d+: unknown key 'halfLive' in behaviour;"
                                + " expected one of: halfLife, lowTrustSources, rules")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongShapes")
    void aFileOfTheWrongShapeIsAClearError(String what, String yaml, String message) {
        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("Exception")
                .hasMessageNotContaining("snakeyaml");
    }

    static Stream<Arguments> wrongShapes() {
        String laughs = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
        return Stream.of(
                arguments("a list at the top", "- tiers\n- fit\n", "(top level): expected a section of 'key: value' lines"),
                arguments("a single word", "hello", "(top level): expected a section of 'key: value' lines"),
                arguments("only comments", "# nothing here\n", "the file is empty"),
                arguments("two documents", "tiers: {}\n---\ntiers: {}\n", "expected a single document"),
                arguments("a key that is a list", "[a, b]: 1\n", "a key must be a single word"),
                arguments("aliases multiplied (billion laughs)", laughs, "more than 20 aliases (*name) of lists or sections"),
                arguments("only a document start", "---\n", "the file is empty"),
                arguments("only a null", "~\n", "the file is empty"),
                arguments("the word null", "--- null\n", "the file is empty"),
                arguments("a tab for indentation", "tiers:\n\thot: { min: 50 }\n", "line 2, column 1:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slips")
    void aCommonSlipNamesItsPlace(String what, String original, String edited, String message) {
        String yaml = TestModels.editedText(original, edited);

        assertThatThrownBy(() -> ModelLoader.load(yaml, "model.yaml"))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining(": null");
    }

    static Stream<Arguments> slips() {
        return Stream.of(
                arguments("a stray dash in a list", "  routes: []", "  routes:\n    - id: nordics\n      when: [{ field: country, in: [SE] }]\n      to:\n        -\n",
                        "alerts.routes[nordics].to[0]: an empty item: remove the '-' or give it a value"),
                arguments("an empty route", "  routes: []", "  routes:\n    -\n",
                        "alerts.routes[0]: an empty item"),
                arguments("a merge key", "  routes: []", "  routes:\n    - &base { id: nordics, when: [{ field: country, in: [SE] }], to: [a@example.com] }\n    - <<: *base\n      id: baltics\n",
                        "alerts.routes[baltics]: merge keys (<<: *name) are not supported; repeat the keys instead"));
    }

    @Test
    void anAliasRepeatsWhatItsAnchorSays() {
        QualificationModel m = TestModels.edited("  routes: []",
                "  routes:\n    - id: nordics\n      when: [{ field: country, in: &nordics [SE, DK, FI] }]\n      to: [nordics@example.com]\n"
                        + "    - id: nordics-demo\n      when: [{ field: country, in: *nordics }]\n      to: [demo@example.com]\n");

        assertThat(m.alerts().routes()).hasSize(2);
        assertThat(m.alerts().routes().get(1).when().get(0).in()).containsExactly("SE", "DK", "FI");
    }
}
