package io.nimo.core.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MongoEndpointTest {

  @Test
  void theTargetAndTheCheckpointStoreShareOneClientPerDeploymentUntilBothRelease() {
    MongoEndpoint endpoint =
        new MongoEndpoint("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=10", 8);
    MongoEndpoint.Connection target = endpoint.connect();
    MongoEndpoint.Connection store = endpoint.connect();
    assertThat(store.client()).isSameAs(target.client());
    target.close();
    target.close(); // a second close releases nothing more
    MongoEndpoint.Connection again = endpoint.connect();
    assertThat(again.client()).as("still shared while the store holds it").isSameAs(store.client());
    again.close();
    store.close();
    try (MongoEndpoint.Connection fresh = endpoint.connect()) {
      assertThat(fresh.client()).as("closed with its last lease").isNotSameAs(store.client());
    }
  }

  @Test
  void credentialsInTheUriNeverReachItsDescription() {
    assertThat(new MongoEndpoint("mongodb://nimo:s3cret@127.0.0.1:27017", 4).toString())
        .doesNotContain("s3cret");
  }
}
