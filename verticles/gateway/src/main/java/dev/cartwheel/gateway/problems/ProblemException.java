package dev.cartwheel.gateway.problems;

/** Fails a routing context with a problem already decided; cheap (no stack trace). */
public final class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Problem problem;

  public ProblemException(Problem problem) {
    super(problem.code() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
  }

  public ProblemException(GatewayError error, String detail) {
    this(Problem.of(error, detail));
  }

  public Problem problem() {
    return problem;
  }
}
