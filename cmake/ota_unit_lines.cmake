# shelfnode_ota_unit_lines(OTA_ROOT FACTORY_BINDIR): the lines shelfnode.service.in takes for
# a factory tree of an OTA install root (src/ota/README.md, "The install root"), shared by
# `cmake --install --prefix ROOT/factory` (firmware/install_service.cmake.in) and the Debian
# package (cmake/packaging.cmake), so both units run and roll back the same way. Sets
# SHELFNODE_RUN_BINDIR, SHELFNODE_OTA_BEFORE and SHELFNODE_OTA_AFTER in the caller's scope.
function(shelfnode_ota_unit_lines ota_root factory_bindir)
  set(_factory_cli "${factory_bindir}/shelfnode --data-dir \${SHELFNODE_DATA_DIR}")
  string(CONCAT _before
    "# OTA slots (src/ota/README.md): the daemon runs from ${ota_root}/current. Before each\n"
    "# start, as root (+) and from the dpkg-owned factory tree, so that a broken slot can never\n"
    "# disable its own rollback: repair current, spend one start of a trial, roll back a trial\n"
    "# whose starts are spent. It always exits 0.\n"
    "Environment=SHELFNODE_INSTALL_ROOT=${ota_root}\n"
    "ExecStartPre=+${_factory_cli} ota boot-check\n")
  string(CONCAT _after
    "# After READY=1 (the daemon is up: data dir open, migrated, config valid, loop running),\n"
    "# the slot in trial is marked good and the version floor rises; '-': never fails the start.\n"
    "ExecStartPost=-+${_factory_cli} ota mark-good --if-healthy\n")
  set(SHELFNODE_RUN_BINDIR "${ota_root}/current/bin" PARENT_SCOPE)
  set(SHELFNODE_OTA_BEFORE "${_before}" PARENT_SCOPE)
  set(SHELFNODE_OTA_AFTER "${_after}" PARENT_SCOPE)
endfunction()
