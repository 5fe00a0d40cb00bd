package io.leadtriage.app.admin;

import io.leadtriage.config.ModelException;
import io.leadtriage.config.ModelForm;

import java.util.Map;

/**
 * The model as a form: its tiers, rules and stage rules as values with the paths that name them, and a form's changes
 * written into a draft of the model's text (comments and layout kept). Nothing is stored: the draft is dry-run, then
 * put, by {@link DryRunModel} and {@link ChangeModel}.
 */
public final class EditModel {
    /** A draft with the form's changes, and the form it makes. */
    public record Edited(String yaml, ModelForm.View form) {
    }

    /**
     * @param yaml   the draft the form was made from
     * @param values new values by path ({@code fit[size-core].points}); none to read the draft's form
     * @throws ChangeModel.InvalidModel every problem of the changed draft, each with the path of its field
     */
    public Edited edit(String yaml, Map<String, String> values) {
        try {
            String edited = values.isEmpty() ? yaml : ModelForm.edit(yaml, values);
            return new Edited(edited, ModelForm.of(edited));
        } catch (ModelException e) {
            throw new ChangeModel.InvalidModel(e);
        }
    }
}
