# `make dist` (CPack): a Debian package and a tarball of what `cmake --install` puts in
# the prefix: the binary, the built-in plugins and Lua SDK, the plugin header and
# pkg-config file, the author guide and the man page. Nothing in them names the build
# tree: plugins are found relative to the executable (core/plugin/registry.c).
set(CPACK_PACKAGE_NAME ampli-wizard)
set(CPACK_PACKAGE_VENDOR "ampli-wizard developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "set up Amplitude analytics in your app, from the command line")
set(CPACK_PACKAGE_DESCRIPTION "A native command-line wizard that signs you in to Amplitude, picks the
project's API key and wires the SDK into a Next.js, Vue, React Router, Node, Django, Flask,
FastAPI or plain Python/JavaScript app, with a diff you approve and undo after exit.")
set(CPACK_PACKAGE_CONTACT "ampli-wizard developers <ampli-wizard@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "")
# the tarball unpacks into one directory holding bin/, lib/, share/ (a prefix of its own)
set(CPACK_PACKAGE_FILE_NAME "ampli-wizard-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps finds what the binary links (jansson, Lua 5.4, OpenSSL); libcurl is
# dlopen()ed on first network use (core/http/curl_lib.c), so it is named by hand.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4 (>= 7.80)")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "git")
include(CPack)
