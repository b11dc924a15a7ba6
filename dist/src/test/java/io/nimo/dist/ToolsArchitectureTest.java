package io.nimo.dist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.nimo.core.testkit.ConfigReads;
import io.nimo.core.testkit.PublicApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each tool is a thin {@code main} over nimo-core's public API plus the shared nimo-cli support: no
 * tool reaches into nimo-core internals, and no tool depends on another tool.
 */
class ToolsArchitectureTest {
  private static JavaClasses tools;

  @BeforeAll
  static void importTools() {
    tools =
        new ClassFileImporter()
            .importPackages("io.nimo.shake", "io.nimo.check", "io.nimo.repair", "io.nimo.cli");
  }

  @Test
  void toolsUseOnlyThePublicApiOfNimoCore() {
    noClasses().should().dependOnClassesThat(PublicApi.internalCoreTypes()).check(tools);
  }

  @Test
  void toolsDoNotDependOnEachOther() {
    slices()
        .matching("io.nimo.(shake|check|repair)..")
        .should()
        .notDependOnEachOther()
        .check(tools);
    noClasses()
        .that()
        .resideInAPackage("io.nimo.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.nimo.shake..", "io.nimo.check..", "io.nimo.repair..")
        .check(tools);
  }

  /**
   * As in nimo-core: a tool (the Flink job too) reads its configuration where settings are built (a
   * record's factory, or a {@code validate}), and hands the values on.
   */
  @Test
  void toolsReadTheConfigurationOnlyWhereSettingsAreBuilt() {
    classes()
        .that(ConfigReads.notRecords())
        .should(ConfigReads.onlyInValidate())
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(
                    "io.nimo.shake",
                    "io.nimo.check",
                    "io.nimo.repair",
                    "io.nimo.cli",
                    "io.nimo.flink"));
  }
}
