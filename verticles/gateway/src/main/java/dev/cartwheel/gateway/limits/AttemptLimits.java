package dev.cartwheel.gateway.limits;

import dev.cartwheel.runtime.config.ConfigException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many attempts one key may make, written as limits such as {@code "5/1m 20/1h 50/1d"}: at most 5 in
 * any minute, 20 in any hour, 50 in any day. Each limit is a token bucket (its count, refilled evenly over
 * its window), all of them charged together: once the short one is spent, the wait is a fifth of a
 * minute; once the hour's is spent, three minutes; so the wait grows with the guessing.
 */
record AttemptLimits(String spec, List<Limit> limits) {

  private static final Pattern LIMIT = Pattern.compile("(\\d{1,9})/(\\d{1,9})(ms|s|m|h|d)");

  record Limit(long count, Duration window) {}

  static AttemptLimits parse(String key, String spec) {
    List<Limit> limits = new ArrayList<>();
    // limit 0: a trailing comma leaves no empty part
    for (String part : spec.trim().split("[\\s,]+", 0)) {
      Matcher matcher = LIMIT.matcher(part);
      if (!matcher.matches()
          || Long.parseLong(matcher.group(1)) == 0
          || Long.parseLong(matcher.group(2)) == 0) {
        throw new ConfigException(
            key,
            "expected limits such as \"5/1m 20/1h\" (a count above 0, a slash, a window in ms, s, m, h or d), got \""
                + spec
                + "\"");
      }
      limits.add(
          new Limit(
              Long.parseLong(matcher.group(1)),
              window(Long.parseLong(matcher.group(2)), matcher.group(3))));
    }
    return new AttemptLimits(spec.trim(), List.copyOf(limits));
  }

  private static Duration window(long amount, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  BucketConfiguration bucket() {
    ConfigurationBuilder builder = BucketConfiguration.builder();
    limits.forEach(
        limit ->
            builder.addLimit(
                Bandwidth.builder()
                    .capacity(limit.count())
                    .refillGreedy(limit.count(), limit.window())
                    .build()));
    return builder.build();
  }
}
