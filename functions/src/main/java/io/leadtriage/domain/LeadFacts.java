package io.leadtriage.domain;

import io.leadtriage.domain.model.Condition;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates model conditions against one lead: its answers, its email domain and its role (answered,
 * else derived from the job title). Values compare case-insensitively; an email domain also matches
 * its parent domains, so a listed {@code acme.com} catches {@code eu.acme.com}.
 */
final class LeadFacts {
    private final Lead lead;
    private final String role;
    private final Map<String, List<String>> lists;

    LeadFacts(Lead lead, String role, Map<String, List<String>> lists) {
        this.lead = lead;
        this.role = role;
        this.lists = lists;
    }

    String valueOf(String field) {
        return switch (field) {
            case Fields.EMAIL_DOMAIN -> lead.emailDomain();
            case Fields.ROLE -> role;
            default -> lead.answers().getOrEmpty(field);
        };
    }

    boolean test(Condition condition) {
        String value = valueOf(condition.field());
        if (value.isEmpty()) {
            return false;
        }
        if (condition.minLength() != null) {
            return value.codePointCount(0, value.length()) >= condition.minLength();
        }
        if (condition.range()) {
            return inRange(value, condition);
        }
        if (matchesAny(condition.field(), value, condition.in())) {
            return true;
        }
        return condition.inList() != null
                && matchesAny(condition.field(), value, lists.getOrDefault(condition.inList(), List.of()));
    }

    boolean testAll(List<Condition> conditions) {
        for (Condition c : conditions) {
            if (!test(c)) {
                return false;
            }
        }
        return true;
    }

    /** A number question's answer within the condition's bounds; an answer that is no number (stored before) is not. */
    private static boolean inRange(String value, Condition condition) {
        java.math.BigDecimal number;
        try {
            number = new java.math.BigDecimal(value);
        } catch (NumberFormatException e) {
            return false;
        }
        return (condition.atLeast() == null || number.compareTo(java.math.BigDecimal.valueOf(condition.atLeast())) >= 0)
                && (condition.atMost() == null || number.compareTo(java.math.BigDecimal.valueOf(condition.atMost())) <= 0);
    }

    private static boolean matchesAny(String field, String value, List<String> candidates) {
        boolean domain = Fields.EMAIL_DOMAIN.equals(field);
        String v = value.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            if (v.equals(c) || (domain && v.endsWith("." + c))) {
                return true;
            }
        }
        return false;
    }
}
