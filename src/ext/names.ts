// Every name the extension shares with its manifest (package.json) or with VS Code: command IDs,
// context keys, view IDs, the diagnostic source. Pure constants, so a plain-Node unit test checks
// them against package.json, and a typo becomes a type error instead of a command that does nothing.

export const commandIds = {
  showOutput: 'vaultJobs.showOutput',
  signIn: 'vaultJobs.signIn',
  signOut: 'vaultJobs.signOut',
  selectVault: 'vaultJobs.selectVault',
  addVault: 'vaultJobs.addVault',
  refreshJobs: 'vaultJobs.refreshJobs',
  filterJobs: 'vaultJobs.filterJobs',
  clearFilter: 'vaultJobs.clearFilter',
  cancelJobs: 'vaultJobs.cancelJobs',
  cancelSelectedIds: 'vaultJobs.cancelSelectedIds',
  startJobNow: 'vaultJobs.startJobNow',
  copyJobIds: 'vaultJobs.copyJobIds',
  showJobDetails: 'vaultJobs.showJobDetails',
  loadMoreHistory: 'vaultJobs.loadMoreHistory',
  loadMoreTasks: 'vaultJobs.loadMoreTasks',
  clearResults: 'vaultJobs.clearResults',
  retryJobIds: 'vaultJobs.retryJobIds',
  verifyUnknown: 'vaultJobs.verifyUnknown',
  groupJobsByTitle: 'vaultJobs.groupJobsByTitle',
  groupJobsByStatus: 'vaultJobs.groupJobsByStatus',
  showJobsFlat: 'vaultJobs.showJobsFlat',
  exportJobs: 'vaultJobs.exportJobs',
  exportJobGroup: 'vaultJobs.exportJobGroup',
  cancelJobGroup: 'vaultJobs.cancelJobGroup',
  cancelCancellableSelection: 'vaultJobs.cancelCancellableSelection',
  cancelJobsMatching: 'vaultJobs.cancelJobsMatching',
  showCancelRuns: 'vaultJobs.showCancelRuns',
  showResults: 'vaultJobs.showResults',
  filterResults: 'vaultJobs.filterResults',
  clearResultsFilter: 'vaultJobs.clearResultsFilter',
  retryResultGroup: 'vaultJobs.retryResultGroup',
  verifyResultGroup: 'vaultJobs.verifyResultGroup',
  copyResultIds: 'vaultJobs.copyResultIds',
  showMoreResults: 'vaultJobs.showMoreResults',
  watchJobs: 'vaultJobs.watchJobs',
  stopWatchingJobs: 'vaultJobs.stopWatchingJobs',
  showWatchedJobs: 'vaultJobs.showWatchedJobs',
} as const;

export type CommandId = typeof commandIds[keyof typeof commandIds];

/** VS Code's own commands the extension runs. */
export const builtInCommandIds = {
  setContext: 'setContext',
  openSettings: 'workbench.action.openSettings',
  open: 'vscode.open',
  setActiveEditorReadonly: 'workbench.action.files.setActiveEditorReadonlyInSession',
} as const;

/** Context keys the manifest's `when` clauses read. */
export const contextKeys = {
  /** 'noVault' | 'signedOut' | 'signedIn' */
  state: 'vaultJobs.state',
  /** Whether any file shows cancel results (Clear Cancel Results has something to clear). */
  hasResults: 'vaultJobs.hasResults',
  filtered: 'vaultJobs.filtered',
  /** 'flat' | 'title' | 'status': how the Active section is grouped (the toolbar shows the next mode). */
  grouping: 'vaultJobs.grouping',
  /** True while a run of this window left job IDs of unknown fate that no check has settled. */
  hasUnknownFates: 'vaultJobs.hasUnknownFates',
  /** Whether the Cancel Results view shows only the results that match a filter. */
  resultsFiltered: 'vaultJobs.resultsFiltered',
} as const;

/** Keys of what the extension remembers in VS Code's global state. */
export const stateKeys = {
  grouping: 'vaultJobs.grouping',
  /** Where the last report was saved: the next Save As offers that folder. */
  lastReportFolder: 'vaultJobs.lastReportFolder',
} as const;

export const viewIds = {
  container: 'vaultJobs',
  jobs: 'vaultJobs.jobs',
  results: 'vaultJobs.results',
} as const;

/** Settings named in messages (the whole list is in package.json's contributes.configuration). */
export const settingIds = {
  vaults: 'vaultJobs.vaults',
} as const;

/** SecretStorage keys: the session per Vault DNS, and (opt-in) the password per DNS and user. */
export const secretKeyPrefixes = {
  session: 'vaultJobs.session:',
  password: 'vaultJobs.password:',
} as const;

/** SecretStorage keys of their own: the marker that tells whether secrets outlive a window reload. */
export const secretKeys = {
  persistenceMarker: 'vaultJobs.persistenceMarker',
} as const;

export const authenticationProviderId = 'vaultJobs';
/** The `source` of every diagnostic the extension publishes; quick fixes recognise theirs by it. */
export const diagnosticSource = 'Vault Jobs';
export const diagnosticCollectionName = 'vaultJobs';
/** The code of the diagnostic at the top of a file that says how many more results it has than VS Code shows. */
export const moreResultsCode = 'MORE_RESULTS';
/** The code of an ID the user chose to leave out at the confirmation: no Retry is offered for it. */
export const leftOutCode = 'LEFT_OUT';
export const statusBarItemId = 'vaultJobs.status';
export const watchStatusBarItemId = 'vaultJobs.watches';
export const outputChannelName = 'Vault Jobs';
/** URI scheme of the read-only job details documents. */
export const jobDetailsScheme = 'vault-job';
