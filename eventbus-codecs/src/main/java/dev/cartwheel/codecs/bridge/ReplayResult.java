package dev.cartwheel.codecs.bridge;

public record ReplayResult(int replayed) {}
