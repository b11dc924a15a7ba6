package io.nimo.backsync.source;

/** The names of {@code pg_class.relreplident}'s codes, as {@code ALTER TABLE} spells them. */
final class ReplicaIdentity {
  private ReplicaIdentity() {}

  static String name(char code) {
    switch (code) {
      case 'd':
        return "DEFAULT";
      case 'f':
        return "FULL";
      case 'i':
        return "USING INDEX";
      case 'n':
        return "NOTHING";
      default:
        return "'" + code + "'";
    }
  }
}
