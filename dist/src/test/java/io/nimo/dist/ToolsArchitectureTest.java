package io.nimo.dist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.nimo.core.config.Configuration;
import io.nimo.core.testkit.PublicApi;
import java.util.List;
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
    ArchCondition<JavaClass> readOnlyInSettings =
        new ArchCondition<>("read the configuration only where settings are built") {
          @Override
          public void check(JavaClass c, ConditionEvents events) {
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
              boolean read =
                  call.getTargetOwner().isEquivalentTo(Configuration.class)
                      && List.of("get", "isSet").contains(call.getName());
              if (read && !call.getOrigin().getName().equals("validate")) {
                events.add(SimpleConditionEvent.violated(call, call.getDescription()));
              }
            }
          }
        };
    classes()
        .that(
            new DescribedPredicate<JavaClass>("are not records") {
              @Override
              public boolean test(JavaClass c) {
                return !c.isRecord();
              }
            })
        .should(readOnlyInSettings)
        .check(
            new ClassFileImporter()
                .withImportOption(
                    com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(
                    "io.nimo.shake",
                    "io.nimo.check",
                    "io.nimo.repair",
                    "io.nimo.cli",
                    "io.nimo.flink"));
  }
}
