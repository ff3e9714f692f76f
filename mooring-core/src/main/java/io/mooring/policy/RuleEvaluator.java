package io.mooring.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.policy.condition.Conditions;
import io.mooring.policy.jmespath.JmesPathException;
import io.mooring.policy.jmespath.JsonValues;
import io.mooring.policy.pattern.PatternMatcher;
import io.mooring.policy.pattern.PatternMatcher.Result;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one validate rule on one request, step by step as Kyverno's validator does: context,
 * preconditions, then the check (deny, pattern, anyPattern or foreach). Each foreach element runs
 * the same steps one level down. An UPDATE's pattern verdict is compared with the old object's:
 * a violation that was already there is reported as skip.
 */
final class RuleEvaluator {
    private final Rule rule;

    private RuleEvaluator(Rule rule) {
        this.rule = rule;
    }

    /** One level of a rule: the rule itself, or a foreach entry for one element. */
    private record Level(List<ContextEntry> context, Conditions preconditions, Validation.Check check, int nesting) {
    }

    /** The verdict of {@code rule} for a request it selects; null when it gives none (a pattern on a DELETE). */
    static Verdict evaluate(Rule rule, RequestContext request) {
        Level level = new Level(rule.context(), rule.preconditions(), rule.validation().check(), 0);
        return new RuleEvaluator(rule).validate(Scope.of(request), level);
    }

    private Verdict validate(Scope scope, Level level) {
        scope.define(level.context());
        if (!level.preconditions().isEmpty()) {
            Conditions.Outcome outcome;
            try {
                outcome = level.preconditions().evaluate(scope::substitute);
            } catch (Templates.SubstitutionException | JmesPathException e) {
                return Verdict.error("failed to evaluate preconditions", e.getMessage());
            }
            if (!outcome.holds()) {
                return Verdict.skip(outcome.message().isEmpty() ? "preconditions not met" : "preconditions not met; " + outcome.message());
            }
        }
        return switch (level.check()) {
            case Validation.DenyCheck deny -> deny(scope, deny.conditions());
            case Validation.PatternCheck p -> patterns(scope, level);
            case Validation.AnyPatternCheck p -> patterns(scope, level);
            case Validation.ForeachCheck foreach -> foreach(scope, foreach.loops(), level.nesting());
        };
    }

    private Verdict deny(Scope scope, Conditions conditions) {
        Conditions.Outcome outcome;
        try {
            outcome = conditions.evaluate(scope::substitute);
        } catch (Templates.SubstitutionException | JmesPathException e) {
            return Verdict.error("failed to check deny conditions", e.getMessage());
        }
        return outcome.holds() ? Verdict.fail(Messages.denied(rule, scope, outcome.message())) : Verdict.pass(Messages.passed(rule.name()));
    }

    private Verdict patterns(Scope scope, Level level) {
        Validation.Check substituted;
        try {
            substituted = switch (level.check()) {
                case Validation.PatternCheck p -> new Validation.PatternCheck(scope.substitute(p.pattern()));
                case Validation.AnyPatternCheck p -> new Validation.AnyPatternCheck(p.patterns().stream().map(scope::substitute).toList());
                default -> throw new IllegalStateException("not a pattern check: " + level.check());
            };
        } catch (Templates.SubstitutionException | JmesPathException e) {
            return Verdict.error("variable substitution failed", e.getMessage());
        }
        Verdict verdict = matchPatterns(scope, substituted);
        if (verdict != null && scope.request.isUpdate()) {
            Verdict before = validate(scope.rebasedOn(scope.request.forOldObject()), level);
            if (verdict.equals(before)) {
                return verdict.status() == RuleStatus.PASS ? verdict
                        : Verdict.skip("skipping modified resource as validation results have not changed");
            }
        }
        return verdict;
    }

    private Verdict matchPatterns(Scope scope, Validation.Check check) {
        JsonNode target = scope.element;
        if (target == null) {
            if (scope.request.isDelete()) {
                return null;
            }
            target = scope.request.request.subject();
        }
        if (check instanceof Validation.PatternCheck pattern) {
            return switch (PatternMatcher.match(target, pattern.pattern())) {
                case Result.Pass p -> Verdict.pass(Messages.passed(rule.name()));
                case Result.Skip s -> Verdict.skip(s.message());
                case Result.Error e -> new Verdict(RuleStatus.ERROR, Messages.patternFailure(rule, scope, e.message(), ""));
                case Result.Fail f -> Verdict.fail(Messages.patternFailure(rule, scope, f.message(), f.path()));
            };
        }
        List<JsonNode> patterns = ((Validation.AnyPatternCheck) check).patterns();
        List<String> failures = new ArrayList<>();
        List<String> skips = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String prefix = "rule " + rule.name() + "[" + i + "]";
            switch (PatternMatcher.match(target, patterns.get(i))) {
                case Result.Pass p -> {
                    return Verdict.pass("validation rule '" + rule.name() + "' anyPattern[" + i + "] passed.");
                }
                case Result.Skip s -> skips.add(prefix + " skipped: " + s.message());
                case Result.Error e -> failures.add(prefix + " failed: " + e.message());
                case Result.Fail f -> failures.add(prefix + " failed at path " + f.path());
            }
        }
        if (!failures.isEmpty()) {
            return Verdict.fail(Messages.anyPatternFailure(rule, failures));
        }
        if (!skips.isEmpty()) {
            return Verdict.skip(String.join(" ", skips));
        }
        return Verdict.pass(rule.validation().message());
    }

    private Verdict foreach(Scope scope, List<Validation.Foreach> loops, int nesting) {
        int applied = 0;
        for (Validation.Foreach loop : loops) {
            JsonNode list;
            try {
                list = scope.query(loop.list());
            } catch (JmesPathException | Templates.SubstitutionException e) {
                // Kyverno passes over a foreach whose list does not evaluate.
                continue;
            }
            List<JsonNode> elements = new ArrayList<>();
            if (list.isArray()) {
                list.forEach(elements::add);
            } else {
                elements.add(list);
            }
            ElementsOutcome outcome = elements(scope, loop, elements, nesting);
            if (outcome.verdict().status() != RuleStatus.PASS) {
                return outcome.verdict();
            }
            applied += outcome.applied();
        }
        return applied == 0 ? Verdict.skip("rule skipped") : Verdict.pass("rule passed");
    }

    private record ElementsOutcome(Verdict verdict, int applied) {
    }

    private ElementsOutcome elements(Scope scope, Validation.Foreach loop, List<JsonNode> elements, int nesting) {
        int applied = 0;
        for (int index = 0; index < elements.size(); index++) {
            JsonNode element = elements.get(index);
            if (JsonValues.isNull(element)) {
                continue;
            }
            boolean scoped = loop.elementScope() == null ? element.isObject() : loop.elementScope();
            if (scoped && !element.isObject()) {
                return new ElementsOutcome(Verdict.error("failed to process foreach",
                        "cannot use elementScope=true foreach rules for elements that are not maps, expected type=map got type="
                                + JsonValues.typeName(element)), applied);
            }
            Scope child = scope.forElement(element, index, nesting, scoped);
            Verdict verdict = validate(child, new Level(loop.context(), loop.preconditions(), loop.check(), nesting + 1));
            if (verdict == null || verdict.status() == RuleStatus.SKIP) {
                continue;
            }
            if (verdict.status() != RuleStatus.PASS) {
                if (verdict.status() == RuleStatus.ERROR && index < elements.size() - 1) {
                    continue;
                }
                return new ElementsOutcome(new Verdict(verdict.status(), "validation failure: " + verdict.message()), applied);
            }
            applied++;
        }
        return new ElementsOutcome(Verdict.pass(""), applied);
    }
}
