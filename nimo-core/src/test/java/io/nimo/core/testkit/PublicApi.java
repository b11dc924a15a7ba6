package io.nimo.core.testkit;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.Set;

/**
 * What an embedder (and each nimo CLI) may program against: the public API and SPI packages, the
 * few source-side and timing types the SPI names, and this test kit. Everything else in {@code
 * io.nimo.core} is internal.
 */
public final class PublicApi {
  /** The public API and SPI packages. */
  public static final String[] PACKAGES = {
    "io.nimo.core.config",
    "io.nimo.core.sync",
    "io.nimo.core.sync.hooks",
    "io.nimo.core.sync.plan",
    "io.nimo.core.metrics",
    "io.nimo.core.sink",
    "io.nimo.core.checkpoint",
    "io.nimo.core.item",
    "io.nimo.core.probe",
    "io.nimo.core.check",
    "io.nimo.core.testkit"
  };

  /** Types of otherwise internal packages that the SPI names. */
  public static final Set<String> SPI_TYPES =
      Set.of(
          "io.nimo.core.source.ChangeEvent",
          "io.nimo.core.source.ChangeEvent$Kind",
          "io.nimo.core.retry.Timing",
          "io.nimo.core.retry.Sleeper");

  private PublicApi() {}

  /**
   * nimo-core types outside the public API.
   *
   * @return a predicate matching internal nimo-core types
   */
  public static DescribedPredicate<JavaClass> internalCoreTypes() {
    return resideInAPackage("io.nimo.core..")
        .and(DescribedPredicate.not(resideInAnyPackage(PACKAGES)))
        .and(DescribedPredicate.describe("not an SPI type", c -> !SPI_TYPES.contains(c.getName())))
        .as("internal nimo-core types");
  }
}
