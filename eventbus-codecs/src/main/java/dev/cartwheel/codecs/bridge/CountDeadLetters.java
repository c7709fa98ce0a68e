package dev.cartwheel.codecs.bridge;

public record CountDeadLetters() {}
