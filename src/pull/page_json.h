#pragma once

#include <cjson/cJSON.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/core/json_stream.h"

namespace shelfnode::pull::detail {

// A member of any type, or null (text_at and bool_at are core/json.h's).
const cJSON* member(const cJSON* object, const char* name);

// "Linen work apron (S)" for a variant with choices, the product name alone otherwise;
// never longer than the catalog allows, never cut inside a UTF-8 character.
std::string variant_name(const std::string& product, const std::vector<std::string>& choices);

// Why a SKU cannot be a catalog key ("" when it can): none at all, or one that fails
// catalog::validate_sku. Such variants are reported, never mapped by a guess.
std::string sku_problem(const std::string& sku);

// Keeps the later of `latest` and the Wix timestamp `raw` (both normalised).
void keep_latest(std::string& latest, const char* raw);

// The next-page cursor of a V3 pagingMetadata block: "" on the last page. A page that
// says there is more but names no cursor cannot be followed: `broken` is set.
std::string next_cursor(const cJSON* body, bool& broken);

// Walks a page's list `list` one item at a time (core/json_stream.h), so a page costs its
// text and one item's tree, never the whole page as a tree. Returns the page's other members
// (paging, totals). A missing list is kBadData naming it. A text that is not JSON, which is
// what an answer cut short looks like, is kUnavailable: reading the page again is the cure.
// An item `on_item` refuses keeps that Status.
Result<JsonPtr> walk_page(std::string_view text, const char* list, const JsonElementFn& on_item);

}  // namespace shelfnode::pull::detail
