package io.leadtriage.app.outbox;

import io.leadtriage.app.intake.FormSubmission;
import io.leadtriage.domain.Answers;
import io.leadtriage.app.RecordOutcome;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.events.LeadEventType;
import io.leadtriage.app.ports.EventPublisher.Event;
import io.leadtriage.domain.SignalType;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.LeadEventSchemas;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lead events through the outbox: stored with the change that causes them, published exactly once when the bus takes
 * them, at least once and in order per lead across failures of the whole call and of single entries, every one valid
 * against its schema (the recording bus checks each before it takes it).
 */
class PublishLeadEventsTest {
    static final Map<String, String> HOT_DEMO = Map.of("name", "Priya Shah", "company", "Northwind", "timeline", "now",
            "phone", "+44 20 7946 0958", "challenge", "Our reps call leads two days late and lose them");
    /** 25 points: warm, an MQL. */
    static final Map<String, String> WARM_NEWSLETTER = Map.of("name", "Sam Lee", "timeline", "now");
    static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");

    final CoreFlow flow = CoreFlow.start();

    String warm(String email) {
        return flow.submit("newsletter", email, WARM_NEWSLETTER).after().id();
    }

    @Test
    void aNewLeadIsCreatedOnTheBusOnceByTheDispatcher() {
        String samId = warm("sam@northwind-saas.com");
        assertThat(flow.events().taken()).as("a lead that is not hot waits for the dispatcher").isEmpty();

        assertThat(flow.publishDue().published()).isEqualTo(1);
        flow.clock().advance(Duration.ofMinutes(1));
        flow.publishDue();
        flow.dispatchAfter(Duration.ofHours(2));
        flow.publishDue();

        assertThat(flow.events().namesFor(samId)).containsExactly("lead.created");
        String created = flow.events().takenFor(samId).get(0).detail();
        assertThat(created).contains("\"tier\":\"warm\"", "\"stage\":\"mql\"", "\"email\":\"sam@northwind-saas.com\"");
        assertThat(flow.storage().outbox().pendingEvents(samId)).isEmpty();
    }

    @Test
    void aHotLeadIsOnTheBusWithItsAlertWithTheAlertsSummary() {
        String priyaId = flow.submit(new FormSubmission("demo", null, "priya@northwind-saas.com", Answers.of(HOT_DEMO), true,
                Map.of("pageUrl", "https://www.example.com/demo", "utm_source", "newsletter", "utm_campaign", "spring"),
                null, false)).after().id();

        assertThat(flow.events().namesFor(priyaId)).as("published by the change's own after-commit step")
                .containsExactly("lead.created", "lead.hot");
        assertThat(flow.mail().alertsAbout("Priya Shah")).hasSize(1);
        String hot = flow.events().takenFor(priyaId).get(1).detail();
        assertThat(hot).contains("\"episode\":1", "\"email\":\"priya@northwind-saas.com\"", "\"name\":\"Priya Shah\"",
                "\"dialable\":\"+442079460958\"", "\"need\":\"Our reps call leads two days late and lose them\"",
                "\"timeline\":\"now\"", "\"breakdown\":[{\"rule\":", "\"formId\":\"demo\"", "\"formTitle\":",
                "\"utm\":{\"source\":\"newsletter\",\"campaign\":\"spring\"}", "\"whyNow\":\"Came in hot with");

        flow.publishDue();
        flow.dispatchAfter(Duration.ofMinutes(20));
        flow.publishDue();
        assertThat(flow.events().namesFor(priyaId)).as("exactly once").containsExactly("lead.created", "lead.hot");
    }

    @Test
    void aTierChangeIsQualifiedAndAHotEpisodeIsHotOncePerEpisode() {
        String samId = warm("sam@northwind-saas.com");
        flow.publishDue();
        flow.clock().advance(Duration.ofHours(1));

        flow.signal(samId, SignalType.CONTACT_SALES);
        flow.signal(samId, SignalType.PAGE_VIEW);
        flow.publishDue();

        assertThat(flow.events().namesFor(samId)).containsExactly("lead.created", "lead.qualified", "lead.hot");
        assertThat(flow.events().takenFor(samId).get(1).detail())
                .contains("\"tier\":\"hot\"", "\"previous\":{\"tier\":\"warm\"");
        assertOrderedPerLead();
    }

    @Test
    void dispositionsAndOutcomesAreOnTheBusWithoutPersonalData() {
        String priyaId = flow.submit("demo", "priya@northwind-saas.com", HOT_DEMO).after().id();
        flow.clock().advance(Duration.ofMinutes(2));
        flow.recordDisposition().record(flow.lead(priyaId), "accepted");
        new RecordOutcome(flow.leadUpdates()).record(priyaId, "won");
        flow.publishDue();

        assertThat(flow.events().namesFor(priyaId))
                .containsExactly("lead.created", "lead.hot", "lead.disposition", "lead.outcome");
        List<Event> events = flow.events().takenFor(priyaId);
        assertThat(events.get(2).detail()).contains("\"disposition\":\"accepted\"", "\"episode\":1");
        assertThat(events.get(3).detail()).contains("\"outcome\":\"won\"");
        for (Event event : events) {
            boolean personal = LeadEventType.ofWireName(event.type()).orElseThrow().personalData();
            assertThat(event.detail().contains("priya@") || event.detail().contains("Priya"))
                    .as(event.type() + " carries personal data only when its type says so").isEqualTo(personal);
        }
    }

    @Test
    void anErasedLeadsEventsStillWaitingAreDroppedAndTheErasureIsOnTheBusIdsOnly() {
        String samId = warm("sam@northwind-saas.com");
        flow.events().failNextCall();
        flow.publishDue();
        flow.signal(samId, SignalType.CONTACT_SALES);
        assertThat(flow.storage().outbox().pendingEvents(samId)).hasSize(3);

        flow.services().eraseLead().erase(samId);
        flow.clock().advance(Duration.ofHours(1));
        flow.publishDue();

        assertThat(flow.events().namesFor(samId)).containsExactly("lead.erased");
        assertThat(flow.events().takenFor(samId).get(0).detail()).doesNotContain("sam@", "Sam", "northwind")
                .matches("\\{\"event\":\"lead.erased\",\"schemaVersion\":1,\"eventId\":\"[0-9a-f-]{36}\",\"leadId\":\""
                        + samId + "\",\"sequence\":\\d+,\"occurredAt\":\"[^\"]+\"}");
        assertThat(flow.storage().outbox().pendingEvents(samId)).isEmpty();
    }

    @Test
    void aFailedCallPublishesNothingAndEverythingLaterInOrderExactlyOnce() {
        String samId = warm("sam@northwind-saas.com");
        flow.events().failNextCall().failNextCall();

        assertThat(flow.publishDue().retried()).isEqualTo(1);
        assertThat(flow.publishDue().published()).as("waits for its backoff").isZero();
        flow.signal(samId, SignalType.CONTACT_SALES);
        assertThat(flow.events().namesFor(samId)).as("its first event failed: the later ones wait behind it").isEmpty();
        flow.clock().advance(Duration.ofMinutes(1));
        flow.publishDue();
        assertThat(flow.events().namesFor(samId)).isEmpty();
        flow.clock().advance(Duration.ofMinutes(2));
        flow.publishDue();

        assertThat(flow.events().namesFor(samId)).containsExactly("lead.created", "lead.qualified", "lead.hot");
        assertOrderedPerLead();
    }

    @Test
    void entriesPutEventsRefusesAreTriedAgainWhileTheOthersGoOn() {
        String samId = warm("sam@northwind-saas.com");
        String alexId = warm("alex@contoso-saas.com");
        String kimId = warm("kim@fabrikam-saas.com");
        // The first call carries one event of each lead; PutEvents answers FailedEntryCount 2.
        flow.events().refuseInNextCall(Map.of(0, "ThrottlingException", 1, "InternalFailure"));

        flow.publishDue();
        List<String> firstCall = flow.events().calls().get(0).stream().map(e -> leadIdOf(e.detail())).toList();
        assertThat(firstCall).containsExactlyInAnyOrder(samId, alexId, kimId);
        String refusedA = firstCall.get(0);
        String refusedB = firstCall.get(1);
        String taken = firstCall.get(2);
        flow.signal(refusedA, SignalType.CONTACT_SALES);
        flow.signal(refusedB, SignalType.CONTACT_SALES);
        assertThat(flow.events().namesFor(refusedA)).as("nothing of a lead goes past its refused event, hot or not").isEmpty();
        assertThat(flow.events().namesFor(refusedB)).isEmpty();
        assertThat(flow.events().namesFor(taken)).containsExactly("lead.created");

        flow.clock().advance(Duration.ofMinutes(1));
        flow.publishDue();
        for (String leadId : List.of(refusedA, refusedB)) {
            assertThat(flow.events().namesFor(leadId)).containsExactly("lead.created", "lead.qualified", "lead.hot");
        }
        assertThat(flow.events().namesFor(taken)).containsExactly("lead.created");
        assertThat(flow.events().calls()).allMatch(call -> call.stream().map(e -> leadIdOf(e.detail())).distinct().count()
                == call.size()); // one event of a lead per call: a lead's events never race each other
        assertOrderedPerLead();
    }

    @Test
    void anEventTheBusWillNeverTakeIsRecordedOnTheLeadAndTheNextOneGoesOn() {
        String samId = warm("sam@northwind-saas.com");
        flow.events().refuseInNextCall(Map.of(0, "MalformedDetail"));

        PublishLeadEvents.Report report = flow.publishDue();
        flow.signal(samId, SignalType.CONTACT_SALES);

        assertThat(report.dropped()).isEqualTo(1);
        assertThat(flow.events().namesFor(samId)).containsExactly("lead.qualified", "lead.hot");
        assertThat(flow.storage().queries().timeline(samId)).filteredOn(e -> e.kind().equals(TimelineEntry.EVENT_FAILED))
                .extracting(TimelineEntry::detail).containsExactly("lead.created not published (MalformedDetail): injected");
    }

    @Test
    void anEventThatFailsForADayIsGivenUpAndRecorded() {
        String samId = warm("sam@northwind-saas.com");
        int calls = 0;
        while (flow.storage().outbox().pendingEvents(samId).stream().anyMatch(e -> e.eventType().equals("lead.created"))
                && calls++ < DispatchOutbox.MAX_ATTEMPTS + 5) {
            flow.events().failNextCall();
            flow.publishDue();
            flow.clock().advance(Duration.ofMinutes(40));
        }
        assertThat(flow.storage().queries().timeline(samId)).extracting(TimelineEntry::detail)
                .contains("lead.created not published (CallFailed): gave up after " + DispatchOutbox.MAX_ATTEMPTS + " tries");
        assertThat(flow.events().namesFor(samId)).isEmpty();
    }

    @Test
    void aBatchHoldsAtMostTenEventsOfTenLeads() {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            leads.add(warm("lead" + i + "@northwind-saas.com"));
        }
        flow.publishDue();

        assertThat(flow.events().calls()).extracting(List::size).containsExactly(10, 10, 3);
        for (String leadId : leads) {
            assertThat(flow.events().namesFor(leadId)).containsExactly("lead.created");
        }
    }

    @Test
    void theSchemasRefuseAnEventThatDriftsFromThem() {
        String samId = warm("sam@northwind-saas.com");
        flow.publishDue();
        String created = flow.events().takenFor(samId).get(0).detail();

        assertThat(LeadEventSchemas.problems("lead.created", created)).isEmpty();
        assertThat(LeadEventSchemas.problems("lead.created", created.replace("\"leadId\"", "\"lead\""))).isNotEmpty();
        assertThat(LeadEventSchemas.problems("lead.created", created.replace("\"tier\":\"warm\"", "\"tier\":\"tepid\"")))
                .isNotEmpty();
        assertThat(LeadEventSchemas.problems("lead.erased", created)).isNotEmpty();
        for (LeadEventType type : LeadEventType.values()) {
            assertThat(LeadEventSchemas.file(type)).isRegularFile();
        }
    }

    /** For every lead, the events taken carry growing sequences: never event n+1 before event n. */
    void assertOrderedPerLead() {
        Map<String, Long> last = new HashMap<>();
        for (Event event : flow.events().taken()) {
            Matcher m = SEQUENCE.matcher(event.detail());
            assertThat(m.find()).isTrue();
            long sequence = Long.parseLong(m.group(1));
            String leadId = leadIdOf(event.detail());
            assertThat(sequence).as("events of " + leadId + " in order").isGreaterThan(last.getOrDefault(leadId, -1L));
            last.put(leadId, sequence);
        }
    }

    static String leadIdOf(String detail) {
        Matcher m = Pattern.compile("\"leadId\":\"([^\"]+)\"").matcher(detail);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
