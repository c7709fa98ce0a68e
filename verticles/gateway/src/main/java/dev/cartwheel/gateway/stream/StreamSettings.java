package dev.cartwheel.gateway.stream;

import java.time.Duration;

/** The live stream (GET /api/v1/stream): limits per node, back-pressure, heartbeats, tickets, resume. */
public record StreamSettings(
    int maxConnections,
    int maxConnectionsPerUser,
    int maxQueuedMessages,
    Duration pingInterval,
    Duration pongTimeout,
    Duration ticketTtl,
    int resumeLimit) {}
