package dev.cartwheel.launcher;

import dev.cartwheel.runtime.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which verticles this node deploys and how many instances of each, from the {@code deploy} key
 * (or {@code CARTWHEEL_VERTICLES} / {@code --verticles}): names, each optionally {@code :instances},
 * and {@code all} for every verticle. E.g. {@code gateway:2,users}.
 */
record DeployPlan(List<Item> items) {

  record Item(VerticleCatalog.Entry verticle, int instances) {}

  static final String KEY = "deploy";
  private static final int MAX_INSTANCES = 64;

  static DeployPlan parse(List<String> entries) {
    if (entries.isEmpty()) {
      throw new ConfigException(
          KEY, "names no verticle; use 'all' or some of " + VerticleCatalog.names());
    }
    Map<String, Integer> instances = new LinkedHashMap<>();
    for (String entry : entries) {
      String[] parts = entry.trim().split(":", -1);
      String name = parts[0].trim();
      int count = parts.length == 1 ? 1 : count(entry, parts);
      if (name.equals("all")) {
        VerticleCatalog.names().forEach(known -> instances.putIfAbsent(known, count));
      } else if (VerticleCatalog.find(name).isEmpty()) {
        throw new ConfigException(
            KEY,
            "unknown verticle '"
                + name
                + "' (known: all, "
                + String.join(", ", VerticleCatalog.names())
                + ")");
      } else {
        instances.put(name, count);
      }
    }
    List<Item> items =
        VerticleCatalog.ENTRIES.stream()
            .filter(entry -> instances.containsKey(entry.name()))
            .map(entry -> new Item(entry, instances.get(entry.name())))
            .toList();
    return new DeployPlan(items);
  }

  private static int count(String entry, String[] parts) {
    try {
      int count = Integer.parseInt(parts[1].trim());
      if (parts.length == 2 && count >= 1 && count <= MAX_INSTANCES) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        KEY,
        "'" + entry + "' is not name or name:instances with 1 to " + MAX_INSTANCES + " instances");
  }

  boolean deploys(String name) {
    return items.stream().anyMatch(item -> item.verticle().name().equals(name));
  }

  @Override
  public String toString() {
    return String.join(
        ", ",
        items.stream().map(item -> item.verticle().name() + " x" + item.instances()).toList());
  }
}
