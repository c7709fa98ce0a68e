package dev.cartwheel.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientTest {

  private static final Set<String> PROXIES = Set.of("10.0.0.1", "10.0.0.2");

  @Test
  void aClientThatIsNotBehindATrustedProxyCannotNameItselfInXForwardedFor() {
    assertThat(Client.address("203.0.113.7", "198.51.100.1", PROXIES)).isEqualTo("203.0.113.7");
  }

  @Test
  void behindTrustedProxiesTheClientIsTheLastAddressTheyDidNotAdd() {
    assertThat(Client.address("10.0.0.1", "198.51.100.1", PROXIES)).isEqualTo("198.51.100.1");
    // whatever the client put in front of its real address does not count
    assertThat(Client.address("10.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2", PROXIES))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void withoutAHeaderOrWithOnlyProxiesInItThePeerCounts() {
    assertThat(Client.address("10.0.0.1", null, PROXIES)).isEqualTo("10.0.0.1");
    assertThat(Client.address("10.0.0.1", "10.0.0.2, ", PROXIES)).isEqualTo("10.0.0.1");
  }
}
