package dev.cartwheel.codecs.config;

import java.time.Instant;

/**
 * New values for live configuration keys. {@code changes} is a JSON object of key → value
 * ({@code {"rateLimits.tiers.customer.burst": 50}}); {@code changedBy} says who, {@code source} how.
 */
public record ConfigChanged(String changes, String changedBy, String source, Instant at) {}
