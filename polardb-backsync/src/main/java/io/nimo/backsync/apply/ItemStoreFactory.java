package io.nimo.backsync.apply;

import java.io.Serializable;

/** Opens the {@link ItemStore} on a task manager; serializable, so it carries settings only. */
@FunctionalInterface
public interface ItemStoreFactory extends Serializable {
  /**
   * Opens a store (connections are made here, not when the job graph is built).
   *
   * @return the store
   */
  ItemStore open();
}
