package io.leadtriage.domain;

import io.leadtriage.domain.model.Sequence;
import io.leadtriage.domain.model.SequenceStep;
import io.leadtriage.domain.model.QualificationModel;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the nurture sequence for a qualified lead. Hot and disqualified leads get none (sales takes
 * over, or nobody should). Among sequences whose audience includes the lead's tier, one naming a pain
 * point of the lead wins; otherwise the first general one (no pain points listed) in file order.
 */
public final class NurturePlanner {
    private final QualificationModel model;

    public NurturePlanner(QualificationModel model) {
        this.model = model;
    }

    public Optional<Sequence> sequenceFor(Qualification qualification) {
        if (qualification.tier() == Tier.HOT || qualification.disqualified() || model.nurture() == null) {
            return Optional.empty();
        }
        return sequenceFor(qualification.tier(), qualification.painPoints());
    }

    public Optional<Sequence> sequenceFor(Tier tier, Set<String> painPoints) {
        Sequence general = null;
        for (Sequence sequence : model.nurture().sequences()) {
            if (!sequence.audience().tiers().contains(tier)) {
                continue;
            }
            if (sequence.audience().painPoints().isEmpty()) {
                if (general == null) {
                    general = sequence;
                }
            } else if (sequence.audience().painPoints().stream().anyMatch(painPoints::contains)) {
                return Optional.of(sequence);
            }
        }
        return Optional.ofNullable(general);
    }

    /**
     * Where a lead joins {@code joining} after the first {@code stepsHad} emails of the sequence {@code left} (null:
     * none): at its first step that is not one of those emails, so that a change of tier sends the next email of the
     * new sequence, not the welcome again. The number of steps of {@code joining} when it has nothing new to send.
     */
    public int firstStepNotHad(Sequence joining, String left, int stepsHad) {
        List<String> had = emailsHad(left, stepsHad);
        int first = 0;
        while (first < joining.steps().size() && had.contains(joining.steps().get(first).template())) {
            first++;
        }
        return first;
    }

    /** The templates of the first {@code stepsHad} steps of the sequence {@code id}; none when the model no longer has it. */
    private List<String> emailsHad(String id, int stepsHad) {
        if (id == null || model.nurture() == null) {
            return List.of();
        }
        return model.nurture().sequences().stream().filter(s -> s.id().equals(id)).findFirst()
                .map(s -> s.steps().subList(0, Math.min(Math.max(stepsHad, 0), s.steps().size())).stream()
                        .map(SequenceStep::template).toList())
                .orElse(List.of());
    }
}
