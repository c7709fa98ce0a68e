package dev.cartwheel.gateway;

/** Fails a routing context with a problem already decided; cheap (no stack trace). */
final class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Problem problem;

  ProblemException(Problem problem) {
    super(problem.code() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
  }

  ProblemException(GatewayError error, String detail) {
    this(Problem.of(error, detail));
  }

  Problem problem() {
    return problem;
  }
}
