package io.leadtriage.app.admin;

import io.leadtriage.app.Refusal;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.model.EmailTemplate;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A nurture template edited from the console: previewed, sent as a test, saved as the next model version. */
class EditNurtureTest {
    final CoreFlow flow = CoreFlow.start();
    final EditNurture edits = flow.services().editNurture();

    static EditNurture.Edit welcome(String subject, String html) {
        return new EditNurture.Edit("welcome", new EmailTemplate(subject, html, "Hi {{firstName}},\n\nThanks.\n"));
    }

    @Test
    void thePreviewIsTheEmailTheDispatcherWouldComposeForTheSampleLead() {
        OutgoingEmail preview = edits.preview(welcome("Welcome aboard, {{firstName}}", "<p>Hello {{company}}</p>\n"),
                new EditNurture.For(null, "jane"));

        assertThat(preview.subject()).isEqualTo("Welcome aboard, Jane");
        assertThat(preview.html()).contains("<p>Hello Acme Analytics</p>").contains("1 Example Street")
                .as("the composer's footer, with an example unsubscribe link").contains("https://example.com/preview/unsubscribe");
        assertThat(preview.headers()).containsKey("List-Unsubscribe");
        assertThat(flow.mail().sent()).as("a preview sends nothing").isEmpty();
    }

    @Test
    void thePreviewOfAStoredLeadUsesItsAnswers() {
        String leadId = flow.submit("newsletter", "kim@northwind-saas.com", Map.of("name", "Kim Park")).after().id();

        assertThat(edits.preview(welcome("Hi {{firstName}}", "<p>x</p>\n"), new EditNurture.For(leadId, null)).subject())
                .isEqualTo("Hi Kim");
        assertThatThrownBy(() -> edits.preview(welcome("Hi", "<p>x</p>"), new EditNurture.For("no-such-lead", null)))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(Refusal.NOT_FOUND));
    }

    @Test
    void aTemplateTheModelWouldRefuseIsRefusedWithItsProblemAtItsField() {
        assertThatThrownBy(() -> edits.preview(welcome("Hi", "<p>{{{company}}}</p>"), null))
                .isInstanceOfSatisfying(EditNurture.InvalidTemplate.class, e ->
                        assertThat(e.fields()).containsOnlyKeys("html").extractingByKey("html").asString().contains("not allowed in html"));
        assertThatThrownBy(() -> edits.preview(welcome("Hi {{#firstName}}", "<p>x</p>"), null))
                .isInstanceOfSatisfying(EditNurture.InvalidTemplate.class, e -> {
                    assertThat(e.problems()).isNotEmpty();
                    assertThat(e.fields()).as(String.join("\n", e.problems())).containsOnlyKeys("subject");
                });
        assertThatThrownBy(() -> edits.preview(new EditNurture.Edit("no-such-template", new EmailTemplate("a", "b", "c")), null))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(Refusal.UNKNOWN_TEMPLATE));
        assertThatThrownBy(() -> edits.preview(welcome("Hi", "<p>x</p>"), new EditNurture.For(null, "nobody")))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.fields()).containsKey("sample"));
    }

    @Test
    void aTestGoesOnlyToTheCompanysOwnAddressesMarkedAsATest() {
        edits.testSend(welcome("Hello {{firstName}}", "<p>x</p>\n"), new EditNurture.For(null, "sam"), " Sales@LeadTriage.example ");

        assertThat(flow.mail().sent()).singleElement().satisfies(email -> {
            assertThat(email.to()).isEqualTo(List.of("sales@leadtriage.example"));
            assertThat(email.subject()).isEqualTo("[Test] Hello Sam");
            assertThat(email.tags()).as("no lead's tags: SES events about it concern no lead").isEmpty();
        });
        assertThatThrownBy(() -> edits.testSend(welcome("Hi", "<p>x</p>"), null, "someone@elsewhere.example"))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.code()).isEqualTo(Refusal.RECIPIENT_NOT_ALLOWED);
                    assertThat(r.fields()).containsKey("to");
                });
        assertThatThrownBy(() -> edits.testSend(welcome("Hi", "<p>x</p>"), null, "not an address"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(Refusal.INVALID_FIELD));
        assertThat(flow.mail().sent()).hasSize(1);
    }

    @Test
    void testSendsAreLimitedPerHourForTheWholeStackAndSayWhenToTryAgain() {
        EditNurture.Edit edit = welcome("Hello {{firstName}}", "<p>x</p>\n");
        flow.clock().advance(java.time.Duration.ofMinutes(10));
        for (int i = 0; i < EditNurture.TEST_SENDS_PER_HOUR; i++) {
            edits.testSend(edit, null, "sales@leadtriage.example");
        }

        assertThatThrownBy(() -> edits.testSend(edit, null, "sales@leadtriage.example"))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.code()).isEqualTo(Refusal.RATE_LIMITED);
                    assertThat(r.retryAfterSeconds()).as("until the hour's window ends").isEqualTo(50 * 60);
                    assertThat(r.getMessage()).contains("30 test emails of the hour are used up", "50 minute(s)");
                });
        assertThat(flow.mail().sent()).hasSize(EditNurture.TEST_SENDS_PER_HOUR);

        flow.clock().advance(java.time.Duration.ofMinutes(50));
        edits.testSend(edit, null, "sales@leadtriage.example");
        assertThat(flow.mail().sent()).hasSize(EditNurture.TEST_SENDS_PER_HOUR + 1);
    }

    @Test
    void savingStoresTheModelWithTheTemplateAsTheNextVersionAndLeavesTheRestAsWritten() {
        String before = flow.services().changeModel().inEffect().yaml();

        ChangeModel.Put put = edits.save(welcome("Welcome, {{firstName}}", "<p>New body</p>\n<p>Two lines</p>\n"), "0");

        assertThat(put.version()).isEqualTo(1);
        String after = flow.services().changeModel().inEffect().yaml();
        assertThat(flow.services().models().refreshNow().model().templates().get("welcome"))
                .isEqualTo(new EmailTemplate("Welcome, {{firstName}}", "<p>New body</p>\n<p>Two lines</p>\n",
                        "Hi {{firstName}},\n\nThanks.\n"));
        assertThat(after.lines().filter(l -> l.strip().startsWith("#")).toList())
                .as("every comment kept").isEqualTo(before.lines().filter(l -> l.strip().startsWith("#")).toList());
        assertThat(after).contains("    html: |\n      <p>New body</p>\n      <p>Two lines</p>\n");
        assertThat(edits.save(welcome("Welcome, {{firstName}}", "<p>New body</p>\n<p>Two lines</p>\n"), "1").unchanged()).isTrue();
        assertThatThrownBy(() -> edits.save(welcome("Other", "<p>x</p>"), "0"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(Refusal.VERSION_CONFLICT));
    }
}
