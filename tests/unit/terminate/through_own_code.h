#pragma once

// Calls `callback` from a frame compiled as shelfnode's own code (through_own_code.cpp).
[[gnu::noinline]] void call_through_own_code(void (*callback)());
