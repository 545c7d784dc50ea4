package uk.nhs.sdk.identity.pds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.nhs.sdk.identity.pds.PrunedJson.Schema;

class PrunedJsonLookupTest {

    private static final Schema SCHEMA = Schema.object().values("id", "active");

    @Test
    void aFieldIsFoundByAnEqualNameThatIsNotTheInternedLiteral() {
        Object node = PrunedJson.parse("{\"id\":\"abc\",\"active\":true}", SCHEMA);

        String id = new String(new char[] {'i', 'd'}); // equal to "id", but another instance
        assertThat(id).isNotSameAs("id");
        assertThat(PrunedJson.get(node, id)).isEqualTo("abc");
        assertThat(PrunedJson.text(node, "id")).isEqualTo("abc");
    }

    @Test
    void aBooleanIsPresentOnlyWhenTheFieldHoldsOne() {
        Object node = PrunedJson.parse("{\"id\":\"abc\",\"active\":true}", SCHEMA);

        assertThat(PrunedJson.bool(node, "active")).contains(true);
        assertThat(PrunedJson.bool(node, "missing")).isEmpty();
        assertThat(PrunedJson.bool(PrunedJson.parse("{\"active\":null}", SCHEMA), "active"))
                .isEmpty();
    }
}
