package dev.cartwheel.gateway.caching;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cartwheel.codecs.inventory.InventoryContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Catalogue reads, public and the same for everyone, kept a short while in this gateway instance: every
 * inventory event that changes a product or its stock empties the cache, and an entry lives at most
 * catalogue.cacheTtlMs, so a lost event cannot keep stale stock longer than that. Answers carry a strong
 * ETag (a hash of the body) and Cache-Control; a matching If-None-Match gets 304 without a body.
 * Only the catalogue goes through here: nothing user-specific is ever cached. Used on one event loop.
 */
public final class CatalogueCache {

  /** catalogue.*: the cache's bound on staleness and size, and what clients may keep. */
  public record Settings(Duration ttl, int entries, int maxAgeSeconds) {}

  private static final List<String> STOCK_CHANGES =
      List.of(
          InventoryContract.PRODUCT_CREATED,
          InventoryContract.STOCK_RESTOCKED,
          InventoryContract.STOCK_RESERVED,
          InventoryContract.STOCK_RELEASED,
          InventoryContract.STOCK_COMMITTED,
          InventoryContract.RESERVATION_EXPIRED);

  private record Entry(Buffer body, String etag) {}

  private final Settings settings;
  private final Cache<String, Entry> entries;
  private final List<MessageConsumer<Object>> consumers;

  /** Bumped by each invalidation: a read that started before one must not store its (older) answer. */
  private long generation;

  public CatalogueCache(Vertx vertx, Settings settings) {
    this.settings = settings;
    this.entries =
        Caffeine.newBuilder()
            .expireAfterWrite(settings.ttl())
            .maximumSize(settings.entries())
            .build();
    this.consumers =
        STOCK_CHANGES.stream()
            .map(address -> vertx.eventBus().consumer(address, event -> invalidate()))
            .toList();
  }

  /** Completes when the cache hears the inventory events (cluster-wide, when clustered). */
  public Future<Void> ready() {
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  public Future<Void> close() {
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  /** Answers the catalogue read from the cache, or from {@code load} (the JSON body) and keeps it. */
  public void serve(RoutingContext rc, Supplier<Future<Buffer>> load) {
    String key = rc.request().uri();
    Entry cached = entries.getIfPresent(key);
    if (cached != null) {
      respond(rc, cached);
      return;
    }
    long started = generation;
    load.get()
        .onSuccess(
            body -> {
              Entry entry = new Entry(body, etag(body));
              if (generation == started) {
                entries.put(key, entry);
              }
              respond(rc, entry);
            })
        .onFailure(rc::fail);
  }

  private void invalidate() {
    generation++;
    entries.invalidateAll();
  }

  private void respond(RoutingContext rc, Entry entry) {
    rc.response()
        .putHeader(HttpHeaders.ETAG, entry.etag())
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + settings.maxAgeSeconds());
    if (matches(rc.request().getHeader(HttpHeaders.IF_NONE_MATCH), entry.etag())) {
      rc.response().setStatusCode(304).end();
    } else {
      rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(entry.body());
    }
  }

  /** If-None-Match: a list of tags, weak or strong (weak comparison, as RFC 9110 wants for GET), or *. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",", -1)) {
      String tag = candidate.trim();
      if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  static String etag(Buffer body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes());
      return "\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22)
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
