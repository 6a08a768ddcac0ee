var FileType = /* @__PURE__ */ ((FileType2) => {
  FileType2[FileType2["Unknown"] = 0] = "Unknown";
  FileType2[FileType2["BlockDevice"] = 1] = "BlockDevice";
  FileType2[FileType2["CharacterDevice"] = 2] = "CharacterDevice";
  FileType2[FileType2["Directory"] = 3] = "Directory";
  FileType2[FileType2["RegularFile"] = 4] = "RegularFile";
  FileType2[FileType2["SocketDgram"] = 5] = "SocketDgram";
  FileType2[FileType2["SocketStream"] = 6] = "SocketStream";
  FileType2[FileType2["SymbolicLink"] = 7] = "SymbolicLink";
  FileType2[FileType2["Fifo"] = 8] = "Fifo";
  return FileType2;
})(FileType || {});
var Whence = /* @__PURE__ */ ((Whence2) => {
  Whence2[Whence2["Set"] = 0] = "Set";
  Whence2[Whence2["Cur"] = 1] = "Cur";
  Whence2[Whence2["End"] = 2] = "End";
  return Whence2;
})(Whence || {});
var AccessMode = /* @__PURE__ */ ((AccessMode2) => {
  AccessMode2[AccessMode2["X"] = 1] = "X";
  AccessMode2[AccessMode2["W"] = 2] = "W";
  AccessMode2[AccessMode2["R"] = 4] = "R";
  return AccessMode2;
})(AccessMode || {});
export {
  AccessMode,
  FileType,
  Whence
};
