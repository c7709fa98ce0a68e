package dev.cartwheel.runtime.kafka;

import dev.cartwheel.codecs.cloudevents.CloudEventTypes;
import dev.cartwheel.codecs.cloudevents.EventSchemas;
import dev.cartwheel.codecs.cloudevents.PreviousVersion;
import dev.cartwheel.runtime.outbox.OutboxEvent;
import io.cloudevents.CloudEvent;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CloudEvents one of a domain's outbox events becomes: its type at the current version, then each
 * previous version whose deprecation window is still open, in that version's shape. All carry the
 * event's id, so a consumer moving from one version to the next handles the event once.
 */
public final class VersionedCloudEvents {

  private record Version(String type, URI dataSchema, PreviousVersion previous, LocalDate until) {}

  private final String domain;
  private final Map<String, List<Version>> versionsByAddress = new HashMap<>();

  public VersionedCloudEvents(String domain, Collection<String> addresses, KafkaOutbound settings) {
    this.domain = domain;
    for (String address : addresses) {
      List<Version> versions = new ArrayList<>();
      int current = CloudEventTypes.currentVersion(address, settings.previousVersions());
      String type = CloudEventTypes.of(address, current);
      versions.add(new Version(type, dataSchema(settings, type), null, null));
      for (PreviousVersion previous :
          settings.previousVersions().getOrDefault(address, List.of())) {
        String old = CloudEventTypes.of(address, previous.version());
        LocalDate until = settings.previousVersionsUntil().get(old);
        if (until == null) {
          throw new IllegalArgumentException(
              "kafka.outbound.previousVersions sets no window for " + old);
        }
        versions.add(new Version(old, dataSchema(settings, old), previous, until));
      }
      versionsByAddress.put(address, List.copyOf(versions));
    }
  }

  /** The event's CloudEvents on {@code today}; null when its address is none of the domain's events. */
  public List<CloudEvent> of(OutboxEvent event, LocalDate today) {
    List<Version> versions = versionsByAddress.get(event.address());
    if (versions == null) {
      return null;
    }
    Version current = versions.get(0);
    CloudEvent currentEvent =
        DomainCloudEvents.of(
            domain,
            event,
            current.type(),
            current.dataSchema(),
            event.payload().getBytes(StandardCharsets.UTF_8));
    if (versions.size() == 1) {
      return List.of(currentEvent);
    }
    List<CloudEvent> events = new ArrayList<>(versions.size());
    events.add(currentEvent);
    JsonObject payload = new JsonObject(event.payload());
    for (Version version : versions.subList(1, versions.size())) {
      if (!today.isAfter(version.until())) {
        byte[] shaped =
            version.previous().fromCurrent().apply(payload.copy()).toBuffer().getBytes();
        events.add(
            DomainCloudEvents.of(domain, event, version.type(), version.dataSchema(), shaped));
      }
    }
    return events;
  }

  private static URI dataSchema(KafkaOutbound settings, String type) {
    return settings.schemaBase().resolve(EventSchemas.fileName(type));
  }
}
