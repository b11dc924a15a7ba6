package io.nimo.core.testkit;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.nimo.core.config.Configuration;
import java.util.List;

/**
 * The ArchUnit pieces of "the configuration is read once, where settings are built": the core's and
 * the tools' architecture tests apply the same rule.
 */
public final class ConfigReads {
  private ConfigReads() {}

  /**
   * Classes that are not records (a record's factory is where settings are built).
   *
   * @return the predicate
   */
  public static DescribedPredicate<JavaClass> notRecords() {
    return new DescribedPredicate<>("are not records") {
      @Override
      public boolean test(JavaClass c) {
        return !c.isRecord();
      }
    };
  }

  /**
   * Calls {@code Configuration.get} or {@code isSet} only from a method named {@code validate}.
   *
   * @return the condition
   */
  public static ArchCondition<JavaClass> onlyInValidate() {
    return new ArchCondition<>("read the configuration only where settings are built") {
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
  }
}
