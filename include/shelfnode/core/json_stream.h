#pragma once

#include <functional>
#include <string_view>

#include "shelfnode/core/json.h"
#include "shelfnode/core/result.h"

namespace shelfnode {

// A large JSON answer read without its whole tree in memory. A Wix page of 1,000 V3
// variants is about 0.7 MB of text but several MB as one cJSON tree; read this way, only
// one element's tree exists at a time, so memory follows the text, not the tree.
//
// `text` must be one JSON object. Its member `array_name`, when it is an array, is handed to
// `on_element` one element at a time (each freed before the next is parsed); the other
// members are collected into `rest`. Every value is parsed by cJSON; only the punctuation
// between the object's members and the array's elements is read here.
struct JsonSplit {
  JsonPtr rest;        // the object's other members (never null on success)
  bool found = false;  // `array_name` was present and an array
};

using JsonElementFn = std::function<Status(const cJSON& element)>;

// Errors: kBadData naming the byte offset for text that is not one JSON object (cut short,
// HTML, trailing garbage); the first non-OK Status `on_element` returns, as it is.
Result<JsonSplit> for_each_element(std::string_view text, const char* array_name,
                                   const JsonElementFn& on_element);

}  // namespace shelfnode
