package dev.cartwheel.codecs.users;

import java.util.UUID;

/** Read one user's profile (the gateway asks with the token's subject). */
public record GetProfile(UUID userId) {}
