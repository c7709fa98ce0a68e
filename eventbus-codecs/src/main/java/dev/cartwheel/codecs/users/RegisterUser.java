package dev.cartwheel.codecs.users;

/** Create a customer account. The password travels only to the users domain, which hashes it. */
public record RegisterUser(String email, String password, String fullName) {

  @Override
  public String toString() {
    return "RegisterUser[email=" + email + ", password=***, fullName=" + fullName + "]";
  }
}
