package io.leadtriage.adapters.eventbridge;

import io.leadtriage.adapters.OutboxClients;
import io.leadtriage.app.ports.EventPublisher;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Lead events on Amazon EventBridge: one PutEvents call per batch, source {@value EventPublisher#SOURCE}, the event's
 * name as detail-type. PutEvents answers per entry; the entries it did not take come back with their error code,
 * InternalFailure and ThrottlingException being the ones worth another try. Like the SES client, it is built at
 * init, only in the functions that publish (under SnapStart, in the snapshot: the request that turns a lead hot
 * does not pay for it).
 */
public final class EventBridgePublisher implements EventPublisher {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    /** The per-entry errors EventBridge documents as retryable; every other code is final. */
    static final Set<String> RETRYABLE = Set.of("InternalFailure", "ThrottlingException");

    private final EventBridgeClient client;
    private final String busName;

    /** @param busName the bus's name or ARN */
    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this.client = Objects.requireNonNull(client, "client");
        this.busName = Objects.requireNonNull(busName, "busName");
    }

    /** The client as deployed (see {@link OutboxClients}): {@code AWS_ENDPOINT_URL_EVENTBRIDGE} reaches a stand-in. */
    public static EventBridgeClientBuilder clientBuilder(Region region) {
        return OutboxClients.configured(EventBridgeClient.builder(), region, CONNECT_TIMEOUT, SOCKET_TIMEOUT, CALL_TIMEOUT);
    }

    @Override
    public List<Optional<Failure>> publish(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        PutEventsResponse response;
        try {
            response = client.putEvents(toRequest(events));
        } catch (SdkException e) {
            throw new EventPublishException("PutEvents failed: " + e.getClass().getSimpleName(), e);
        }
        List<PutEventsResultEntry> entries = response.entries();
        if (entries.size() != events.size()) {
            throw new EventPublishException("PutEvents answered " + entries.size() + " entries for " + events.size(), null);
        }
        List<Optional<Failure>> answers = new ArrayList<>(entries.size());
        for (PutEventsResultEntry entry : entries) {
            answers.add(entry.errorCode() == null || entry.errorCode().isEmpty() ? Optional.empty()
                    : Optional.of(new Failure(entry.errorCode(), entry.errorMessage() == null ? "" : entry.errorMessage(),
                    RETRYABLE.contains(entry.errorCode()))));
        }
        return answers;
    }

    PutEventsRequest toRequest(List<Event> events) {
        return PutEventsRequest.builder().entries(events.stream().map(e -> PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(SOURCE)
                .detailType(e.type())
                .detail(e.detail())
                .build()).toList()).build();
    }
}
