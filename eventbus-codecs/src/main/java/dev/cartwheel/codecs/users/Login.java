package dev.cartwheel.codecs.users;

/** Exchange credentials for a signed token. */
public record Login(String email, String password) {

  @Override
  public String toString() {
    return "Login[email=" + email + ", password=***]";
  }
}
