package uk.nhs.sdk.identity.pds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsValidationException;

/** The patch builder's JSON Pointer check, for paths of any length and shape. */
class PatientPatchPathTest {

    @Test
    void aVeryLongPathIsCheckedWithoutExhaustingTheStack() {
        // the pointer regular expression recursed once per character: 20,000 characters overflowed the stack
        String path = "/name/0/given/0".repeat(2_000);
        PatientPatch patch = PatientPatch.builder()
                .test("/name/0/id", "1")
                .replace(path, "x")
                .build();
        assertThat(patch.size()).isEqualTo(2);
        assertThatThrownBy(() -> PatientPatch.builder().remove(path + "~2"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageNotContaining("/name/0/given/0");
    }

    @Test
    void pointersFollowRfc6901() {
        PatientPatch.builder().remove("/a~0b/c~1d/");
        for (String bad : new String[] {"", "name", "/a~", "/a~2", "~0/a"}) {
            assertThatThrownBy(() -> PatientPatch.builder().remove(bad))
                    .as(bad)
                    .isInstanceOf(NhsValidationException.class);
        }
    }

    @Test
    void aWholeItemPathIsNotEchoedInTheRuleItBreaks() {
        assertThatThrownBy(() -> PatientPatch.builder().add("/name/0", "x").build())
                .isInstanceOf(NhsValidationException.class)
                .hasMessageNotContaining("/name/0");
        assertThatThrownBy(() -> PatientPatch.builder().remove("/name/3").build())
                .isInstanceOf(NhsValidationException.class)
                .hasMessageNotContaining("/name/3");
    }
}
