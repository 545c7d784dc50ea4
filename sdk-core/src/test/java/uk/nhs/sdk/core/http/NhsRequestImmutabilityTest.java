package uk.nhs.sdk.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A built {@link NhsRequest} does not change when its builder is used again, and its collections
 * cannot be changed, whether they were given values or left empty (the empty ones are shared).
 */
class NhsRequestImmutabilityTest {
    @Test
    void changingTheBuilderAfterBuildLeavesTheRequestAsItWas() {
        NhsRequest.Builder b = NhsRequest.builder("POST", "/Thing/{id}")
                .pathParam("id", "a")
                .query("q", "1")
                .header("X-One", "1")
                .retryOnStatus(503);
        NhsRequest first = b.build();

        b.pathParam("id", "b").query("q", "2").header("X-Two", "2").retryOnStatus(429);
        NhsRequest second = b.build();

        assertThat(first.encodedPath()).isEqualTo("/Thing/a");
        assertThat(first.query()).containsExactly(Map.entry("q", "1"));
        assertThat(first.headers()).containsExactly(Map.entry("X-One", "1"));
        assertThat(first.retryOnStatuses()).containsExactly(503);
        assertThat(second.encodedPath()).isEqualTo("/Thing/b");
        assertThat(second.query()).hasSize(2);
        assertThat(second.headers()).hasSize(2);
        assertThat(second.retryOnStatuses()).containsExactlyInAnyOrder(503, 429);
        assertThat(second.requestId()).isNotEqualTo(first.requestId());
    }

    @Test
    void itsCollectionsCannotBeChangedFilledOrEmpty() {
        NhsRequest filled = NhsRequest.builder("POST", "/Thing")
                .query("q", "1")
                .header("X-One", "1")
                .retryOnStatus(503)
                .build();
        NhsRequest empty = NhsRequest.builder("GET", "/Thing").build();
        for (NhsRequest r : new NhsRequest[] {filled, empty}) {
            assertThatThrownBy(() -> r.query().add(Map.entry("x", "y")))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> r.headers().add(Map.entry("x", "y")))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> r.retryOnStatuses().add(500)).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThatThrownBy(() -> filled.query().get(0).setValue("2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> filled.headers().get(0).setValue("2"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(empty.query()).isEmpty();
        assertThat(empty.headers()).isEmpty();
        assertThat(empty.retryOnStatuses()).isEmpty();
    }
}
