package io.leadtriage;

import io.leadtriage.config.ModelLoader;
import io.leadtriage.domain.model.QualificationModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The default model as the tests know it, and variants of it made by editing its text the way a marketer
 * would. It is a frozen copy of the shipped file ({@value #RESOURCE}), not the shipped file itself: the worked
 * examples pin its points, tiers and templates, and a marketer's edit of functions/model/leadtriage-model.yaml
 * must change no test result. The shipped file's own test only says that it is valid (ModelLoaderTest).
 */
public final class TestModels {
    /** On the test class path: functions/src/test/resources/io/leadtriage/default-model.yaml. */
    public static final String RESOURCE = "io/leadtriage/default-model.yaml";
    private static final QualificationModel DEFAULT = ModelLoader.load(defaultText(), "default-model.yaml");

    private TestModels() {
    }

    public static QualificationModel defaultModel() {
        return DEFAULT;
    }

    public static String defaultText() {
        try (InputStream in = TestModels.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default model with "wants to start now" (timeline now, 20 in the default) worth {@code points}. */
    public static String withTimelineNowAt(int points) {
        return editedText("when: { field: timeline, in: [now] }\n    points: 20",
                "when: { field: timeline, in: [now] }\n    points: " + points);
    }

    /**
     * The default model with the shipped page categories: careers −10 and support −5 (each page once, at most two),
     * docs +5 (each page once, at most three), scored apart from plain page views.
     */
    public static String withPageCategories() {
        return editedText("      reason: viewed a page\n", "      reason: viewed a page\n" + PAGE_CATEGORY_RULES);
    }

    /** The shipped model's page category rules, for the models of tests. */
    public static final String PAGE_CATEGORY_RULES = """
                - signal: page_view
                  category: careers
                  points: -10
                  oncePerItem: true
                  maxCounted: 2
                  sources: [page, backend]
                  reason: viewed the careers pages (likely a job seeker)
                - signal: page_view
                  category: support
                  points: -5
                  oncePerItem: true
                  maxCounted: 2
                  sources: [page, backend]
                  reason: read the support pages (likely a customer already)
                - signal: page_view
                  category: docs
                  points: 5
                  oncePerItem: true
                  maxCounted: 3
                  sources: [page, backend]
                  reason: read the documentation
            """;

    /**
     * The default model with the shipped custom questions (seats, currentTool, salesTeam) and a text one (nextStep, at
     * most 40 characters), their fit rules (seats 10+ +10, spreadsheets or not at all +5, no sales team −10), and the
     * shipped pools: get-started's step 2 asks all it does not know; the follow-up survey at most five.
     */
    public static String withQuestions() {
        String text = defaultText();
        text = replaced(text, "# Fit and answer points", """
                questions:
                  - id: seats
                    label: How many people would use leadtriage?
                    type: number
                    min: 1
                    max: 100000
                  - id: currentTool
                    label: How do you qualify leads today?
                    type: choice
                    options: [spreadsheets, crm, marketing-automation, not-at-all]
                  - id: salesTeam
                    label: Do you have a sales team that calls leads?
                    type: yes_no
                  - id: nextStep
                    label: What would make this a priority?
                    type: text
                    maxLength: 40

                # Fit and answer points""");
        text = replaced(text, "    reason: described their need\n", """
                    reason: described their need
                  - id: seats-team
                    when: { field: seats, atLeast: 10 }
                    points: 10
                    reason: a team of 10 or more would use it
                  - id: qualifies-by-hand
                    when: { field: currentTool, in: [spreadsheets, not-at-all] }
                    points: 5
                    reason: qualifies leads by hand today
                  - id: no-sales-team
                    when: { field: salesTeam, in: ["no"] }
                    points: -10
                    reason: no sales team to call leads
                """);
        text = replaced(text, "    step2Required: [company, companySize]\n", """
                    step2Required: [company, companySize]
                    step2Pool:
                      questions:
                        - { field: company, priority: 100 }
                        - { field: companySize, priority: 90 }
                        - { field: role, priority: 80 }
                        - { field: timeline, priority: 70 }
                        - { field: budget, priority: 60 }
                        - { field: seats, priority: 50 }
                        - { field: industry, priority: 40 }
                        - { field: currentTool, priority: 30 }
                        - { field: phone, priority: 10 }
                """);
        return replaced(text, "    fields: [budget, role, timeline, challenge, companySize]\n", """
                    fields: [budget, role, timeline, challenge, companySize]
                    pool:
                      askAtMost: 5
                      questions:
                        - { field: budget, priority: 100 }
                        - { field: timeline, priority: 90 }
                        - { field: role, priority: 80 }
                        - { field: challenge, priority: 70 }
                        - { field: seats, priority: 60 }
                        - { field: companySize, priority: 50 }
                        - { field: salesTeam, priority: 40 }
                        - { field: currentTool, priority: 30 }
                        - { field: nextStep, priority: 20 }
                """);
    }

    /** The default model with the shipped accounts: free mail and throwaway domains excluded, an alert from 2 leads. */
    public static String withAccounts() {
        return replaced(defaultText(), "\nforms:\n", """

                accounts:
                  excludeLists: [freeMailDomains, disposableDomains]
                  alert:
                    minLeads: 2
                    to: []

                forms:
                """);
    }

    private static String replaced(String text, String original, String replacement) {
        if (!text.contains(original)) {
            throw new IllegalArgumentException("the default model has no '" + original + "'");
        }
        return text.replace(original, replacement);
    }

    /** The default model's text with one exact piece replaced; fails loudly if the piece is not there. */
    public static String editedText(String original, String replacement) {
        return replaced(defaultText(), original, replacement);
    }

    /**
     * The README's example of a marketer's slips: points that are not a number, a gap between two tiers, a step naming
     * a template that does not exist; three kinds of mistakes in one file.
     */
    public static String withThreeMistakes() {
        return defaultText()
                .replace("    points: 20\n    reason: wants to start now", "    points: lots\n    reason: wants to start now")
                .replace("warm: { min: 20, max: 49 }", "warm: { min: 20, max: 45 }")
                .replace("- { after: P3D, template: customer-story }", "- { after: P3D, template: customer-stroy }");
    }

    /**
     * Alerts routed: company size 1000+ to the enterprise team, Germany, Austria and Switzerland to three reps in turn,
     * healthcare in the US to two reps together; every other lead to the deployment's list.
     */
    /** The default model with double opt-in: a form's consent counts once the lead confirms it from an email. */
    public static String withDoubleOptIn() {
        String text = editedText("maxPerDay: 1", "maxPerDay: 1\n  doubleOptIn: { template: confirm-subscription }");
        return text + (text.endsWith("\n") ? "" : "\n") + CONFIRM_SUBSCRIPTION;
    }

    /** The shipped model's confirmation email, for the models of tests. */
    public static final String CONFIRM_SUBSCRIPTION = """
              confirm-subscription:
                subject: "Please confirm your subscription"
                html: |
                  <p>Hi {{#firstName}}{{firstName}}{{/firstName}}{{^firstName}}there{{/firstName}},</p>
                  <p>Someone, we hope you, asked for our emails at this address. <a href="{{confirmUrl}}">Confirm your
                  subscription</a> and they will start.</p>
                  <p>If it was not you, ignore this email: you will get nothing more from us.</p>
                text: |
                  Hi {{#firstName}}{{firstName}}{{/firstName}}{{^firstName}}there{{/firstName}},

                  Someone, we hope you, asked for our emails at this address. Confirm your subscription and they
                  will start: {{confirmUrl}}

                  If it was not you, ignore this email: you will get nothing more from us.
            """;

    public static String withAlertRoutes() {
        return editedText("  routes: []\n", """
                  routes:
                    - id: enterprise
                      when: [{ field: companySize, in: [1000+] }]
                      to: [enterprise@yourcompany.com]
                    - id: dach
                      when: [{ field: country, in: [DE, AT, CH] }]
                      to: [anna@yourcompany.com, ben@yourcompany.com, cara@yourcompany.com]
                      rotate: true
                    - id: healthcare-us
                      when: [{ field: industry, in: [healthcare] }, { field: country, in: [US] }]
                      to: [hc1@yourcompany.com, hc2@yourcompany.com]
                """);
    }

    public static QualificationModel edited(String original, String replacement) {
        return ModelLoader.load(editedText(original, replacement), "edited model");
    }
}
