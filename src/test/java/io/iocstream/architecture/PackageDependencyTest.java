package io.iocstream.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stage packages depend one way, in the order of the pipeline: a package may use the ones before it in
 * {@link #ORDER}, never one after it, and no cycle of packages comes back. Each package is a top-level package
 * of {@code io.iocstream} with its sub-packages.
 */
class PackageDependencyTest {

    /** Shared leaves first, then the stages in graph order, then what assembles and runs them. */
    static final List<String> ORDER = List.of(
            "core", "source", "github", "throttle",
            "ingest", "changes", "fetch", "parse", "feeds", "match", "findings", "alerts", "statuses",
            "pipeline", "job", "webhook", "world", "cli");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.iocstream");

    @Test
    void noPackageUsesALaterOne() {
        for (ArchRule rule : oneWayRules()) {
            rule.check(MAIN);
        }
    }

    @Test
    void noPackageCycles() {
        cycleRule().check(MAIN);
    }

    @Test
    void everyPackageHasItsPlaceInTheOrder() {
        assertThat(MAIN.stream().map(c -> topLevel(c.getPackageName())).distinct())
                .as("a new top-level package needs its place in ORDER").isSubsetOf(ORDER);
    }

    /** The rules catch a back-edge: here fetch's test fixture uses match, a later stage. */
    @Test
    void theRulesFailOnABackEdge() {
        JavaClasses withBackEdge = new ClassFileImporter().importClasses(
                io.iocstream.fetch.BackEdgeFixture.class, io.iocstream.match.IocIndex.class);
        List<EvaluationResult> results = new ArrayList<>();
        oneWayRules().forEach(rule -> results.add(rule.evaluate(withBackEdge)));
        assertThat(results).anyMatch(EvaluationResult::hasViolation);
    }

    private static List<ArchRule> oneWayRules() {
        List<ArchRule> rules = new ArrayList<>();
        for (int i = 0; i < ORDER.size() - 1; i++) {
            String[] later = ORDER.subList(i + 1, ORDER.size()).stream().map(p -> "io.iocstream." + p + "..")
                    .toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage("io.iocstream." + ORDER.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(later)
                    .as(ORDER.get(i) + " uses none of " + Arrays.toString(ORDER.subList(i + 1, ORDER.size()).toArray()))
                    .allowEmptyShould(true));
        }
        return rules;
    }

    private static ArchRule cycleRule() {
        return slices().matching("io.iocstream.(*)..").should().beFreeOfCycles();
    }

    private static String topLevel(String packageName) {
        String rest = packageName.substring("io.iocstream.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
