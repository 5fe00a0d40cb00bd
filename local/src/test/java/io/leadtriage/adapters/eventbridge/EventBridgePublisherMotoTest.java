package io.leadtriage.adapters.eventbridge;

import io.leadtriage.app.ports.EventPublisher.Event;
import io.leadtriage.app.ports.EventPublisher.EventPublishException;
import io.leadtriage.app.ports.EventPublisher.Failure;
import io.leadtriage.rehearsal.SecretsManagerStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The EventBridge adapter against a real PutEvents stand-in, moto's {@code moto_server} (the deployment rehearsal's
 * too; skipped, saying so, where it is not installed): a batch taken whole, a batch taken in part (an entry PutEvents
 * refuses with its error code, the others taken), and a call refused as a whole.
 */
class EventBridgePublisherMotoTest {
    static final String REGION = "eu-west-1";
    static SecretsManagerStandIn moto;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(SecretsManagerStandIn.installed(), "moto_server is not on the PATH (pip install 'moto[server]'): the EventBridge"
                + " adapter's test against a PutEvents stand-in is skipped");
        moto = SecretsManagerStandIn.start();
        try (var client = moto.eventBridge(REGION)) {
            client.createEventBus(r -> r.name("leads-bus"));
        }
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    static EventBridgePublisher publisherOn(String bus) {
        return new EventBridgePublisher(EventBridgePublisher.clientBuilder(Region.of(REGION))
                .endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build(), bus);
    }

    static Event event(String type, String leadId) {
        return new Event(type, "{\"event\":\"" + type + "\",\"leadId\":\"" + leadId + "\"}");
    }

    @Test
    void aBatchIsTakenWhole() {
        List<Optional<Failure>> answers = publisherOn("leads-bus").publish(List.of(event("lead.created", "a"),
                event("lead.hot", "b"), event("lead.outcome", "c")));

        assertThat(answers).hasSize(3).allMatch(Optional::isEmpty);
    }

    @Test
    void anEntryPutEventsRefusesComesBackWithItsCodeAndTheOthersAreTaken() {
        List<Optional<Failure>> answers = publisherOn("leads-bus").publish(List.of(event("lead.created", "a"),
                new Event("lead.hot", "{not json"), event("lead.created", "c")));

        assertThat(answers.get(0)).isEmpty();
        assertThat(answers.get(1)).hasValueSatisfying(failure -> {
            assertThat(failure.code()).isEqualTo("MalformedDetail");
            assertThat(failure.retryable()).as("a malformed event is never taken").isFalse();
        });
        assertThat(answers.get(2)).isEmpty();
    }

    @Test
    void aCallRefusedAsAWholeIsAnExceptionThatLeavesEveryEventForLater() {
        assertThatThrownBy(() -> publisherOn("no-such-bus").publish(List.of(event("lead.created", "a"))))
                .isInstanceOf(EventPublishException.class).hasMessageContaining("PutEvents failed");
    }

    @Test
    void nothingToPublishMakesNoCall() {
        assertThat(publisherOn("no-such-bus").publish(List.of())).as("no call: it would be refused").isEmpty();
    }
}
