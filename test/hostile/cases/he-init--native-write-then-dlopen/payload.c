/* The payload of he-init--native-write-then-dlopen: a shared library whose constructor runs as soon as it is loaded,
 * before Node can refuse it as "not a Node module". The hostile test compiles it (cc -shared -fPIC) and puts its bytes
 * into a copy of he-init.ts. Loaded anywhere, it would print a marker and start a shell. */
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void tfgrade_payload(void) {
  static const char marker[] = "TFGRADE-DLOPEN-RAN\n";
  (void)write(2, marker, sizeof marker - 1);
  (void)system("touch /tmp/tfgrade-spawned");
}
