package io.leadtriage.domain;

import io.leadtriage.domain.model.Sequence;
import io.leadtriage.domain.model.QualificationModel;

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
}
